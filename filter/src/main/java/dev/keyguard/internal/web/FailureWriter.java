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
            case THROTTLED -> response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
            case UNAVAILABLE ->
                    response.setHeader(
                            "Retry-After",
                            Long.toString(
                                    retryAfterSeconds > 0
                                            ? retryAfterSeconds
                                            : UNAVAILABLE_RETRY_AFTER_SECONDS));
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        byte[] body = bodies.get(failure);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Messages are fixed sentences without characters that JSON would need escaped. */
    private static String body(Failure failure) {
        return "{\"success\":false,\"error\":{\"code\":\""
                + failure.code()
                + "\",\"message\":\""
                + failure.message()
                + "\"}}";
    }
}
