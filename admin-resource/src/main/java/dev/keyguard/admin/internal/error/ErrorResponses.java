package dev.keyguard.admin.internal.error;

import dev.keyguard.admin.internal.json.Envelope;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds every error response: status, envelope and the headers some statuses need. */
public final class ErrorResponses {

    /** Seconds a client should wait before retrying after a 503. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private ErrorResponses() {}

    public static Response of(ApiError error) {
        return of(error, error.defaultMessage());
    }

    /** 405 with the methods the path has, e.g. {@code GET, HEAD, POST}. */
    public static Response methodNotAllowed(String allow) {
        return Response.fromResponse(of(ApiError.METHOD_NOT_ALLOWED))
                .header(HttpHeaders.ALLOW, allow)
                .build();
    }

    /**
     * 403 {@code insufficient_scope} with {@code WWW-Authenticate: Bearer realm="...",
     * error="insufficient_scope", scope="..."} (RFC 6750 section 3.1).
     *
     * @param realm the filter's realm (already checked: no quote or backslash), or {@code null}
     * @param scope a scope name (no character that needs quoting)
     */
    public static Response insufficientScope(String realm, String scope, String message) {
        String challenge =
                "Bearer "
                        + (realm == null ? "" : "realm=\"" + realm + "\", ")
                        + "error=\"insufficient_scope\", scope=\""
                        + scope
                        + "\"";
        return Response.fromResponse(of(ApiError.INSUFFICIENT_SCOPE, message))
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .build();
    }

    public static Response of(ApiError error, String message) {
        Response.ResponseBuilder response =
                Response.status(error.status())
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .entity(Envelope.error(error.code(), message));
        if (error == ApiError.UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        if (error == ApiError.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }
}
