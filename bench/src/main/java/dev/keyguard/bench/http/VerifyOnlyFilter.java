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
 * recording) with the least plumbing around it, using the Keyguard that the demo's filter publishes
 * in the context. Beside the real filter it shows what the rest of the filter (throttle,
 * pass-through rules, header parsing, request attribute) costs.
 */
public final class VerifyOnlyFilter implements Filter {

    private Keyguard keyguard;
    private boolean setAttribute;
    private boolean allHeaders;

    /**
     * Init-params, to find what the rest of the filter costs: {@code attribute=true} also sets the
     * principal as a request attribute, as the filter does; {@code headers=true} reads the header
     * with {@code getHeaders} (to refuse several), as the filter does.
     */
    @Override
    public void init(FilterConfig config) {
        keyguard = (Keyguard) config.getServletContext().getAttribute(Keyguard.class.getName());
        setAttribute = Boolean.parseBoolean(config.getInitParameter("attribute"));
        allHeaders = Boolean.parseBoolean(config.getInitParameter("headers"));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String header;
        if (allHeaders) {
            java.util.Enumeration<String> all = request.getHeaders("Authorization");
            header = all.hasMoreElements() ? all.nextElement() : null;
            if (all.hasMoreElements()) {
                header = null;
            }
        } else {
            header = request.getHeader("Authorization");
        }
        Optional<KeyguardPrincipal> principal =
                header == null || header.length() < 8
                        ? Optional.empty()
                        : keyguard.verify(header.substring(7));
        if (principal.isEmpty()) {
            ((HttpServletResponse) res).setStatus(401);
            return;
        }
        KeyguardPrincipal caller = principal.get();
        if (setAttribute) {
            request.setAttribute(KeyguardPrincipal.REQUEST_ATTRIBUTE, caller);
        }
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public Principal getUserPrincipal() {
                        return caller;
                    }
                },
                res);
    }
}
