package dev.keyguard.admin.testing;

import dev.keyguard.ApiKey;
import dev.keyguard.ApiKeyService;
import dev.keyguard.KeyguardException;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.key.KeyHash;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;

/**
 * Stand-in for the Keyguard servlet filter, being built in parallel: verifies
 * {@code Authorization: Bearer <key>} through the service and wraps the request so that
 * {@code getUserPrincipal()} is the {@link KeyguardPrincipal}. The only class to replace with
 * {@code dev.keyguard.ApiKeyFilter} once it lands.
 */
public final class TestAuthFilter extends HttpFilter {

    static final String REALM = "keyguard";
    private final ApiKeyService service;

    public TestAuthFilter(ApiKeyService service) {
        this.service = service;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws IOException, ServletException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            reject(response, 401, "Bearer realm=\"" + REALM + "\"", "unauthorized",
                    "An API key is required.");
            return;
        }
        String value = header.strip();
        String key = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : "";
        Optional<ApiKey> verified;
        try {
            verified = service.format().isWellFormed(key)
                    ? service.verify(KeyHash.sha256Hex(key)) : Optional.empty();
        } catch (KeyguardException e) {
            response.setHeader("Retry-After", "5");
            reject(response, 503, null, "unavailable", "Try again shortly.");
            return;
        }
        if (verified.isEmpty()) {
            reject(response, 401, "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"",
                    "unauthorized", "The API key is not valid.");
            return;
        }
        KeyguardPrincipal principal =
                new KeyguardPrincipal(verified.get().id(), verified.get().owner());
        request.setAttribute(KeyguardPrincipal.REQUEST_ATTRIBUTE, principal);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public String getAuthType() {
                return "Bearer";
            }
        }, response);
    }

    private static void reject(HttpServletResponse response, int status, String challenge,
            String code, String message) throws IOException {
        response.setStatus(status);
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setContentType("application/json");
        byte[] body = ("{\"success\":false,\"error\":{\"code\":\"" + code + "\",\"message\":\""
                + message + "\"}}").getBytes(StandardCharsets.UTF_8);
        response.getOutputStream().write(body);
    }

}
