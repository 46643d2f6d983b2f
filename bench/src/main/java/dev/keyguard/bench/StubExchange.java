package dev.keyguard.bench;

import dev.keyguard.internal.web.BearerAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request through Keyguard's filter pipeline ({@link BearerAuthentication}) without a
 * container: a stub request that answers the few calls the pipeline makes (method, paths, {@code
 * Authorization}, attributes, address) from fields, and a chain that only reads the principal. What
 * this costs beyond {@code Keyguard.verify} is the pipeline's own work; what the HTTP run adds
 * beyond that is the container's part of those calls and cold CPU caches.
 */
final class StubExchange {

    private static final HttpServletRequest NOTHING =
            (HttpServletRequest)
                    Proxy.newProxyInstance(
                            StubExchange.class.getClassLoader(),
                            new Class<?>[] {HttpServletRequest.class},
                            (proxy, method, args) -> {
                                throw new UnsupportedOperationException(method.getName());
                            });
    private static final HttpServletResponse NO_RESPONSE =
            (HttpServletResponse)
                    Proxy.newProxyInstance(
                            StubExchange.class.getClassLoader(),
                            new Class<?>[] {HttpServletResponse.class},
                            (proxy, method, args) -> {
                                throw new UnsupportedOperationException(method.getName());
                            });

    private StubExchange() {}

    /**
     * @return 1 if the chain saw a principal
     */
    static int run(BearerAuthentication filter, String authorization) {
        Request request = new Request(authorization);
        int[] seen = new int[1];
        FilterChain chain =
                (req, res) ->
                        seen[0] = ((HttpServletRequest) req).getUserPrincipal() != null ? 1 : 0;
        try {
            filter.doFilter(request, new HttpServletResponseWrapper(NO_RESPONSE), chain);
        } catch (IOException | ServletException e) {
            throw new IllegalStateException(e);
        }
        return seen[0];
    }

    private static final class Request extends HttpServletRequestWrapper {
        private final String authorization;
        private Map<String, Object> attributes;

        Request(String authorization) {
            super(NOTHING);
            this.authorization = authorization;
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getServletPath() {
            return "/api/v1/leads";
        }

        @Override
        public String getPathInfo() {
            return null;
        }

        @Override
        public String getHeader(String name) {
            return name.equalsIgnoreCase("Authorization") ? authorization : null;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return name.equalsIgnoreCase("Authorization")
                    ? Collections.enumeration(List.of(authorization))
                    : Collections.emptyEnumeration();
        }

        @Override
        public String getRemoteAddr() {
            return "127.0.0.1";
        }

        @Override
        public void setAttribute(String name, Object value) {
            if (attributes == null) {
                attributes = new HashMap<>();
            }
            attributes.put(name, value);
        }

        @Override
        public Object getAttribute(String name) {
            return attributes == null ? null : attributes.get(name);
        }
    }
}
