package dev.keyguard.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one place that writes the filter's error responses: status, {@code WWW-Authenticate} (RFC
 * 6750 section 3), {@code Retry-After} and the JSON envelope {@code
 * {"success":false,"error":{"code":...,"message":...}}}. Bodies are rendered once, at start.
 * Thread-safe.
 */
final class FailureWriter {

    /** How long a client should wait after a 503. */
    static final long UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

    private final String challenge;
    private final String invalidTokenChallenge;
    private final Map<Failure, byte[]> bodies = new EnumMap<>(Failure.class);

    /**
     * @param realm already validated: printable ASCII without quote or backslash
     */
    FailureWriter(String realm) {
        this.challenge = "Bearer realm=\"" + realm + "\"";
        this.invalidTokenChallenge = challenge + ", error=\"invalid_token\"";
        for (Failure failure : Failure.values()) {
            bodies.put(failure, body(failure).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * @param retryAfterSeconds for {@link Failure#THROTTLED}; for {@link Failure#UNAVAILABLE}, 0
     *     for the default; ignored otherwise
     */
    void write(HttpServletResponse response, Failure failure, long retryAfterSeconds)
            throws IOException {
        response.resetBuffer();
        response.setStatus(failure.status());
        switch (failure) {
            case MISSING_CREDENTIALS -> response.setHeader("WWW-Authenticate", challenge);
            case INVALID_TOKEN -> response.setHeader("WWW-Authenticate", invalidTokenChallenge);
            case IP_NOT_ALLOWED, FORBIDDEN, CSRF_FAILED -> {}
            case INSUFFICIENT_SCOPE -> response.setHeader("WWW-Authenticate", scopeChallenge(null));
            case THROTTLED -> response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
            case UNAVAILABLE ->
                    response.setHeader(
                            "Retry-After",
                            Long.toString(
                                    retryAfterSeconds > 0
                                            ? retryAfterSeconds
                                            : UNAVAILABLE_RETRY_AFTER_SECONDS));
        }
        writeBody(response, bodies.get(failure));
    }

    /**
     * 403 {@code insufficient_scope} naming the scope needed, in the challenge (RFC 6750 section 3)
     * and the message.
     *
     * @param scopes the scope names needed, separated by spaces (scope names need no escaping)
     */
    void writeInsufficientScope(HttpServletResponse response, String scopes) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setHeader("WWW-Authenticate", scopeChallenge(scopes));
        writeBody(
                response,
                body(
                                Failure.INSUFFICIENT_SCOPE.code(),
                                "The API key lacks the scope this needs: " + scopes + ".")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** The challenge of a 403 {@code insufficient_scope}, with the scope when it is known. */
    String scopeChallenge(String scopes) {
        return challenge
                + ", error=\"insufficient_scope\""
                + (scopes == null ? "" : ", scope=\"" + scopes + "\"");
    }

    private static void writeBody(HttpServletResponse response, byte[] body) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (IllegalStateException writerTaken) {
            // A host that took its writer before it refused (ScopeAwareResponse): the bodies are
            // ASCII, the same in whatever charset that writer has.
            response.getWriter().write(new String(body, StandardCharsets.US_ASCII));
        }
    }

    /** Messages are fixed sentences without characters that JSON would need escaped. */
    private static String body(Failure failure) {
        return body(failure.code(), failure.message());
    }

    private static String body(String code, String message) {
        return "{\"success\":false,\"error\":{\"code\":\""
                + code
                + "\",\"message\":\""
                + message
                + "\"}}";
    }
}
