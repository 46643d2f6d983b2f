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
