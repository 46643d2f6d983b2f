package dev.keyguard.demo.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.net.InetAddress;

/**
 * In front of the Keyguard filter on {@code /metrics}: a request from the loopback address (a
 * Prometheus on the same machine, {@code curl} on the host) goes straight to the {@code metrics}
 * servlet without a key; every other request goes on to the Keyguard filter, which asks for a key
 * with {@code metrics:read}. The address is the connection's own: the demo trusts no {@code
 * X-Forwarded-For}, so a remote client cannot claim to be local.
 */
public final class LoopbackMetricsFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (isLoopback(request.getRemoteAddr())) {
            request.getServletContext().getNamedDispatcher("metrics").forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isLoopback(String address) {
        if (address == null
                || address.isEmpty()
                || !address.chars()
                        .allMatch(c -> Character.digit(c, 16) >= 0 || ".:[]%".indexOf(c) >= 0)) {
            return false; // a literal address only: never a name looked up in DNS
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
