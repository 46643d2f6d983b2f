package dev.keyguard.internal.web;

import dev.keyguard.KeyguardPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** The request as the host sees it after a successful check: it knows who called. */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

    static final String AUTH_TYPE = "Bearer";

    private final KeyguardPrincipal principal;

    AuthenticatedRequest(HttpServletRequest request, KeyguardPrincipal principal) {
        super(request);
        this.principal = principal;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    /** The key id. */
    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }

    /** Keys carry no roles; an organisation's keys are all alike. */
    @Override
    public boolean isUserInRole(String role) {
        return false;
    }
}
