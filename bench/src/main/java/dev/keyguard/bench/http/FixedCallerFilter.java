package dev.keyguard.bench.http;

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
 * The "no filter" baseline: checks nothing. The demo's leads servlet reads its caller's
 * organisation from the principal, so this only hands it a fixed one (acme's) in a request wrapper,
 * the same wrapper a real filter would use. That is the whole cost of the app without
 * authentication plus a few nanoseconds.
 */
public final class FixedCallerFilter implements Filter {

    private static final KeyguardPrincipal ACME =
            new KeyguardPrincipal(
                    "no-key",
                    new KeyOwner("acme", new KeyUser("alice@acme.example", null, null, null)));

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(
                new HttpServletRequestWrapper((HttpServletRequest) request) {
                    @Override
                    public Principal getUserPrincipal() {
                        return ACME;
                    }
                },
                response);
    }
}
