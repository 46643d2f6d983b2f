package dev.keyguard.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyguard.admin.internal.error.ContentTypeQualityFilter;
import dev.keyguard.admin.internal.error.EmptyErrorFilter;
import dev.keyguard.admin.internal.error.ErrorMappers;
import dev.keyguard.admin.internal.json.AdminJson;
import dev.keyguard.admin.internal.json.EnvelopeWriter;
import dev.keyguard.admin.internal.json.JsonBodyReader;
import dev.keyguard.admin.internal.resource.ApiKeysResource;
import dev.keyguard.admin.internal.resource.ServiceSource;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/** The resource and providers of the Admin API, made afresh for each registration. */
final class AdminComponents {

    /** Request bodies larger than this are refused with 413 unread. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private AdminComponents() {}

    /**
     * @param services where the resource gets its service
     * @param everyPath whether the error mappers answer for every path (an application of its own)
     *     or only under {@link ApiKeysResource#PATH} (registered into a host's application)
     */
    static Set<Object> create(ServiceSource services, boolean everyPath) {
        ObjectMapper mapper = AdminJson.newMapper();
        Predicate<UriInfo> scope = everyPath ? uri -> true : AdminComponents::isAdminPath;
        Set<Object> components = new LinkedHashSet<>();
        components.add(new ApiKeysResource(services));
        components.add(new EnvelopeWriter(mapper));
        components.add(new JsonBodyReader(mapper, MAX_BODY_BYTES));
        components.add(new ErrorMappers.Core());
        components.add(new ErrorMappers.Admin());
        components.add(new ErrorMappers.WebApplication(scope));
        components.add(new ErrorMappers.Unexpected(scope));
        components.add(new EmptyErrorFilter(scope));
        components.add(new ContentTypeQualityFilter(scope));
        return components;
    }

    static boolean isAdminPath(UriInfo uri) {
        if (uri == null) {
            return false;
        }
        String path = uri.getPath();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals(ApiKeysResource.PATH)
                || relative.startsWith(ApiKeysResource.PATH + "/");
    }
}
