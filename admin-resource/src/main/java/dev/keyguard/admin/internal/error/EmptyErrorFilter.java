package dev.keyguard.admin.internal.error;

import dev.keyguard.admin.internal.json.Envelope;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Predicate;

/**
 * The safety net behind the exception mappers: some failures never reach a mapper (Jersey and
 * RESTEasy answer an unparseable {@code Content-Type} or {@code Accept} header with a bare 400 of
 * their own). Any error response in scope that has no body gets the envelope of its status.
 */
public final class EmptyErrorFilter implements ContainerResponseFilter {

    private final Predicate<UriInfo> scope;

    public EmptyErrorFilter(Predicate<UriInfo> scope) {
        this.scope = scope;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400
                || response.hasEntity()
                || !scope.test(request.getUriInfo())) {
            return;
        }
        ApiError error = ApiError.ofStatus(response.getStatus());
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setEntity(
                Envelope.error(error.code(), error.defaultMessage()),
                null,
                MediaType.APPLICATION_JSON_TYPE);
    }
}
