package dev.keyguard.admin.internal.resource;

import dev.keyguard.admin.internal.error.ErrorResponses;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Answers {@code OPTIONS} and {@code TRACE} on the Admin API's paths with {@code 405
 * method_not_allowed} and the path's {@link AllowedMethods Allow}, before the runtime matches them.
 *
 * <p>Design note: left to themselves, Jersey answers {@code OPTIONS} with 200 and its WADL of the
 * resource (or, with WADL off, a plain-text method list) and RESTEasy with 200 and a method list: a
 * description of the API that the contract does not have and a fuzzer reads as an undocumented
 * operation. The Admin API does not do CORS (a host that serves browsers from another origin puts a
 * CORS filter in front, see {@code keyguard.cors.preflight-pass-through}), so {@code OPTIONS} is a
 * method it lacks like any other. {@code TRACE} would echo the request, credentials included. Paths
 * outside the Admin API are left to the runtime (a 404 for those of Keyguard's own application).
 */
@PreMatching
public final class StrayMethodFilter implements ContainerRequestFilter {

    private static final String TRACE = "TRACE";

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!method.equals(HttpMethod.OPTIONS) && !method.equals(TRACE)) {
            return;
        }
        String allow = AllowedMethods.of(request.getUriInfo());
        if (allow != null) {
            request.abortWith(ErrorResponses.methodNotAllowed(allow));
        }
    }
}
