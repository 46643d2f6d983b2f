package dev.keyguard.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * Turns the host's 403 after a refused scope into the contract's answer. When the host (a JAX-RS
 * runtime enforcing {@code @RolesAllowed}, or its own code) asked {@code isUserInRole} for a
 * declared scope the key lacks and then refuses the request: {@code sendError(403)} becomes 403
 * {@code insufficient_scope} with its challenge and JSON body, and {@code setStatus(403)} gets the
 * challenge (the host writes its own body). Any other status passes untouched.
 */
final class ScopeAwareResponse extends HttpServletResponseWrapper {

    private final AuthenticatedRequest request;
    private final FailureWriter writer;

    ScopeAwareResponse(
            HttpServletResponse response, AuthenticatedRequest request, FailureWriter writer) {
        super(response);
        this.request = request;
        this.writer = writer;
    }

    @Override
    public void sendError(int status) throws IOException {
        if (!answeredAsInsufficientScope(status)) {
            super.sendError(status);
        }
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        if (!answeredAsInsufficientScope(status)) {
            super.sendError(status, message);
        }
    }

    @Override
    public void setStatus(int status) {
        super.setStatus(status);
        String refused = refusedScopes(status);
        if (refused != null) {
            setHeader("WWW-Authenticate", writer.scopeChallenge(refused));
        }
    }

    private boolean answeredAsInsufficientScope(int status) throws IOException {
        String refused = refusedScopes(status);
        if (refused == null || isCommitted()) {
            return false;
        }
        writer.writeInsufficientScope((HttpServletResponse) getResponse(), refused);
        // As after sendError: the response is complete, nothing the host writes after it counts.
        flushBuffer();
        return true;
    }

    private String refusedScopes(int status) {
        return status == HttpServletResponse.SC_FORBIDDEN ? request.refusedScopes() : null;
    }
}
