package dev.keyguard.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyguard.admin.internal.error.ContentTypeQualityFilter;
import dev.keyguard.admin.internal.error.EmptyErrorFilter;
import dev.keyguard.admin.internal.error.ErrorMappers;
import dev.keyguard.admin.internal.json.AdminJson;
import dev.keyguard.admin.internal.json.EnvelopeWriter;
import dev.keyguard.admin.internal.json.JsonBodyReader;
import dev.keyguard.admin.internal.resource.AllowedMethods;
import dev.keyguard.admin.internal.resource.ApiKeysResource;
import dev.keyguard.admin.internal.resource.StrayMethodFilter;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The providers of the Admin API, made afresh for each registration. The resource is not among
 * them: {@link KeyguardAdminFeature} registers an instance of it, {@link KeyguardAdminApplication}
 * names its class. (Jersey takes every instance in an {@code Application}'s {@code getSingletons()}
 * for a provider, and warned on each start that the resource "does not implement any provider
 * interfaces applicable in the SERVER runtime"; instances registered from a {@code Feature} are not
 * checked that way.)
 */
final class AdminComponents {

    /** Request bodies larger than this are refused with 413 unread. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    /**
     * Jersey's {@code ServerProperties.WADL_FEATURE_DISABLE}, by its value: Keyguard does not
     * depend on Jersey. With WADL on, Jersey serves {@code /application.wadl} (the whole resource
     * tree, and Jersey's version) and answers {@code OPTIONS} with the WADL of a resource, to
     * anyone who reaches the servlet: under {@code /*} that is outside the filter's mapping. Other
     * runtimes ignore the property.
     */
    static final String JERSEY_WADL_DISABLE = "jersey.config.server.wadl.disableWadl";

    private AdminComponents() {}

    /**
     * Keyguard's JSON reader and writer, exception mappers and filters.
     *
     * @param everyPath whether the error mappers answer for every path (an application of its own)
     *     or only under {@link ApiKeysResource#PATH} (registered into a host's application)
     */
    static Set<Object> providers(boolean everyPath) {
        ObjectMapper mapper = AdminJson.newMapper();
        Predicate<UriInfo> scope = everyPath ? uri -> true : AdminComponents::isAdminPath;
        Set<Object> providers = new LinkedHashSet<>();
        providers.add(new EnvelopeWriter(mapper));
        providers.add(new JsonBodyReader(mapper, MAX_BODY_BYTES));
        providers.add(new ErrorMappers.Core());
        providers.add(new ErrorMappers.Admin());
        providers.add(new ErrorMappers.WebApplication(scope, AllowedMethods::of));
        providers.add(new ErrorMappers.Unexpected(scope));
        providers.add(new EmptyErrorFilter(scope));
        providers.add(new ContentTypeQualityFilter(scope));
        providers.add(new StrayMethodFilter());
        return providers;
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
