package dev.keyguard.internal.web;

import jakarta.servlet.http.HttpServletResponse;

/** Every way the filter turns a request away, with its status and its envelope's code. */
enum Failure {
    /** No Bearer credential: challenge without an error code (RFC 6750 section 3.1). */
    MISSING_CREDENTIALS(
            HttpServletResponse.SC_UNAUTHORIZED,
            "unauthorized",
            "An API key is required: send it as 'Authorization: Bearer <key>'."),
    /** Malformed, unknown, revoked or expired: one answer for all, so there is no oracle. */
    INVALID_TOKEN(
            HttpServletResponse.SC_UNAUTHORIZED,
            "unauthorized",
            "The API key is invalid, revoked or expired."),
    /** A valid key from an address outside its allowed ones; the list is never echoed. */
    IP_NOT_ALLOWED(
            HttpServletResponse.SC_FORBIDDEN,
            "ip_not_allowed",
            "The API key may not be used from this address."),
    /**
     * A valid key without the scope the request needs (RFC 6750 section 3.1); the message and the
     * challenge name the scope, see {@link FailureWriter#writeInsufficientScope}.
     */
    INSUFFICIENT_SCOPE(
            HttpServletResponse.SC_FORBIDDEN,
            "insufficient_scope",
            "The API key lacks a scope this needs."),
    /**
     * A 403 of the container's or the host's that is not about a scope the key lacks (e.g. a
     * constraint that lets nobody in), answered in the envelope by {@link ScopeErrorServlet}.
     */
    FORBIDDEN(
            HttpServletResponse.SC_FORBIDDEN, "forbidden", "Access to this resource is forbidden."),
    /**
     * A change a person logged in to the host app asked for without proving it comes from the
     * dashboard's page (same origin and its anti-CSRF token): a forged cross-site request.
     */
    CSRF_FAILED(
            HttpServletResponse.SC_FORBIDDEN,
            "csrf_failed",
            "This change must come from the dashboard page: its origin or anti-CSRF token is"
                    + " missing or wrong. Reload the page and try again."),
    /** The client address presented too many invalid keys. */
    THROTTLED(
            429, "too_many_requests", "Too many requests with invalid API keys; try again later."),
    /** The key could not be checked (the store is down, or the look-up budget is spent). */
    UNAVAILABLE(
            HttpServletResponse.SC_SERVICE_UNAVAILABLE,
            "unavailable",
            "The API key could not be checked right now; try again shortly.");

    private final int status;
    private final String code;
    private final String message;

    Failure(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String message() {
        return message;
    }
}
