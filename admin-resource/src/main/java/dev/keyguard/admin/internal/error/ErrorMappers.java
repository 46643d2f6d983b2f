package dev.keyguard.admin.internal.error;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardException;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exception mappers of the Admin API. Each turns one kind of failure into an {@link
 * ErrorResponses error envelope}; none writes a stack trace to the client.
 *
 * <p>Design note: a JAX-RS {@code Feature} adds these mappers to the host's whole application. The
 * mappers for the runtime's own {@link WebApplicationException}s and for unexpected exceptions
 * therefore answer only for requests under the Admin API's path (the {@code scope}); anything else
 * gets the response the runtime would have given without them.
 */
public final class ErrorMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {}

    /**
     * Core failures: validation, key limit, not found, not rotatable, a missing scope, rights
     * exceeded, unavailable. A missing scope carries the challenge of RFC 6750 section 3.1, in the
     * realm of the Keyguard that runs in the web app.
     */
    public static final class Core implements ExceptionMapper<KeyguardException> {
        @Context private ServletContext servletContext;

        @Override
        public Response toResponse(KeyguardException e) {
            if (e.reason() == KeyguardException.Reason.UNAVAILABLE) {
                return ErrorResponses.of(ApiError.UNAVAILABLE);
            }
            if (e.reason() == KeyguardException.Reason.INSUFFICIENT_SCOPE) {
                return ErrorResponses.insufficientScope(realm(), e.requiredScope(), e.getMessage());
            }
            return ErrorResponses.of(ApiError.of(e.reason()), e.getMessage());
        }

        /** The running Keyguard's realm, or {@code null} when the service was given in code. */
        private String realm() {
            Object keyguard =
                    servletContext == null
                            ? null
                            : servletContext.getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
            return keyguard instanceof Keyguard running ? running.config().realm() : null;
        }
    }

    /** Failures of the HTTP layer: bad body, no caller. */
    public static final class Admin implements ExceptionMapper<AdminException> {
        @Override
        public Response toResponse(AdminException e) {
            return ErrorResponses.of(e.error(), e.getMessage());
        }
    }

    /**
     * The runtime's own 404, 405, 406, 413, 415 and the like. A 405 carries the {@code Allow} of
     * the path from Keyguard's own table ({@code allowed}), not the runtime's: Jersey and RESTEasy
     * list different methods, in different orders, both with {@code OPTIONS}.
     */
    public static final class WebApplication implements ExceptionMapper<WebApplicationException> {
        private final Predicate<UriInfo> scope;
        private final Function<UriInfo, String> allowed;
        @Context private UriInfo uriInfo;

        /**
         * @param allowed the {@code Allow} header of a request's path, or {@code null} for a path
         *     that is not the Admin API's
         */
        public WebApplication(Predicate<UriInfo> scope, Function<UriInfo, String> allowed) {
            this.scope = scope;
            this.allowed = allowed;
        }

        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            if (original.getStatus() < 400 || !scope.test(uriInfo)) {
                return original;
            }
            ApiError error = ApiError.ofStatus(original.getStatus());
            if (error != ApiError.METHOD_NOT_ALLOWED) {
                return ErrorResponses.of(error);
            }
            String allow = allowed.apply(uriInfo);
            if (allow == null) {
                allow = original.getHeaderString(HttpHeaders.ALLOW);
            }
            return allow == null
                    ? ErrorResponses.of(error)
                    : ErrorResponses.methodNotAllowed(allow);
        }
    }

    /**
     * Anything else. Thrown before a resource method was matched, it is the runtime failing to read
     * a malformed request (RESTEasy throws {@code NumberFormatException} for {@code Accept:
     * *}{@code /*;q=abc}): a 400. Thrown after, it is a bug or an environment failure: a 500,
     * logged here with its stack trace, never shown.
     */
    public static final class Unexpected implements ExceptionMapper<Throwable> {
        private final Predicate<UriInfo> scope;
        @Context private UriInfo uriInfo;
        @Context private ResourceInfo resourceInfo;

        public Unexpected(Predicate<UriInfo> scope) {
            this.scope = scope;
        }

        @Override
        public Response toResponse(Throwable e) {
            boolean matched = resourceInfo != null && resourceInfo.getResourceMethod() != null;
            if (!matched) {
                LOG.debug("Keyguard Admin API: malformed request refused ({})", e.toString());
            } else {
                LOG.error("Keyguard Admin API: unexpected failure", e);
            }
            if (!scope.test(uriInfo)) {
                return Response.status(matched ? 500 : 400).build();
            }
            return ErrorResponses.of(matched ? ApiError.INTERNAL_ERROR : ApiError.BAD_REQUEST);
        }
    }
}
