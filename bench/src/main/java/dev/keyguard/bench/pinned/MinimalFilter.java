package dev.keyguard.bench.pinned;

import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.KeyguardPrincipal;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.security.Principal;

/**
 * The least any authenticating filter costs (issue 18's baseline): it checks nothing, sets the
 * principal as a request attribute and hands down a wrapper that overrides {@code
 * getUserPrincipal}, as Keyguard does for a valid key.
 */
public final class MinimalFilter implements Filter {

    private static final KeyguardPrincipal CALLER =
            new KeyguardPrincipal(
                    "key_minimal",
                    new KeyOwner("acme", new KeyUser("alice@acme.example", null, null, null)));

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        admit(CALLER, request, response, chain);
    }

    /** What every guard here does for a caller it lets in: the attribute and the wrapper. */
    static void admit(
            KeyguardPrincipal caller,
            ServletRequest request,
            ServletResponse response,
            FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(KeyguardPrincipal.REQUEST_ATTRIBUTE, caller);
        chain.doFilter(
                new HttpServletRequestWrapper((HttpServletRequest) request) {
                    @Override
                    public Principal getUserPrincipal() {
                        return caller;
                    }
                },
                response);
    }
}
