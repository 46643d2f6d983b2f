package dev.keyguard.internal.web;

import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.internal.rights.ScopeVocabulary;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * The request as the host sees it after a successful check: it knows who called, and its roles are
 * the key's scopes. {@code isUserInRole(scope)} is true for a declared scope the key has (an
 * unrestricted key has them all) and false for any other name, so {@code @RolesAllowed} and the
 * host's own checks guard by scope. The declared scopes it refused are remembered, so that a 403
 * that follows can name them ({@link ScopeAwareResponse}).
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

    static final String AUTH_TYPE = "Bearer";

    private final KeyguardPrincipal principal;
    private final ScopeVocabulary vocabulary;

    /** The declared scopes asked for and refused, space-separated; {@code null} for none. */
    private String refusedScopes;

    AuthenticatedRequest(
            HttpServletRequest request, KeyguardPrincipal principal, ScopeVocabulary vocabulary) {
        super(request);
        this.principal = principal;
        this.vocabulary = vocabulary;
    }

    KeyguardPrincipal principal() {
        return principal;
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

    @Override
    public boolean isUserInRole(String role) {
        if (!vocabulary.contains(role)) {
            return false;
        }
        if (principal.hasScope(role)) {
            return true;
        }
        synchronized (this) {
            if (refusedScopes == null) {
                refusedScopes = role;
            } else if (!(" " + refusedScopes + " ").contains(" " + role + " ")) {
                refusedScopes = refusedScopes + " " + role;
            }
        }
        return false;
    }

    /** The declared scopes {@link #isUserInRole} refused, space-separated, or {@code null}. */
    synchronized String refusedScopes() {
        return refusedScopes;
    }
}
