package dev.keyguard.bench.http;

import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardPrincipal;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;

/**
 * A diagnostic guard, not a product: only {@code Keyguard.verify} (format, hash, cache, use
 * recording) with the least plumbing around it, using the Keyguard that the demo's filter
 * publishes in the context. Beside the real filter it shows what the rest of the filter
 * (throttle, pass-through rules, header parsing, request attribute) costs.
 */
public final class VerifyOnlyFilter implements Filter {

    private Keyguard keyguard;

    @Override
    public void init(FilterConfig config) {
        keyguard = (Keyguard) config.getServletContext().getAttribute(Keyguard.class.getName());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String header = ((HttpServletRequest) req).getHeader("Authorization");
        Optional<KeyguardPrincipal> principal = header == null || header.length() < 8
                ? Optional.empty() : keyguard.verify(header.substring(7));
        if (principal.isEmpty()) {
            ((HttpServletResponse) res).setStatus(401);
            return;
        }
        KeyguardPrincipal caller = principal.get();
        chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) req) {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }
        }, res);
    }
}
