package dev.keyguard.admin.internal.servlet;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JAX-RS runtimes the Admin API servlet can run on, each by its servlet's class name (Keyguard
 * depends on neither), with the init-params that give it the Admin API as an application of its
 * own.
 */
public enum JaxRsRuntime {
    JERSEY("org.glassfish.jersey.servlet.ServletContainer", Map.of()),
    /**
     * With an empty mapping prefix (the application's root is the context path, whatever a host's
     * context-param says) and a deployment of its own, not the one a host's RESTEasy listener put
     * in the ServletContext.
     */
    RESTEASY(
            "org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher",
            Map.of(
                    "resteasy.servlet.mapping.prefix", "",
                    "resteasy.servlet.context.deployment", "false"));

    private static final String APPLICATION = "jakarta.ws.rs.Application";

    private final String servletClass;
    private final Map<String, String> initParameters;

    JaxRsRuntime(String servletClass, Map<String, String> initParameters) {
        this.servletClass = servletClass;
        this.initParameters = initParameters;
    }

    /**
     * @param name {@code jersey}, {@code resteasy}, or {@code null} for the first one present
     * @throws ServletException when the runtime named, or any runtime, is not on the class path, or
     *     the name is none of them
     */
    public static JaxRsRuntime choose(String name, ClassLoader loader) throws ServletException {
        if (name != null && !name.isBlank()) {
            JaxRsRuntime named;
            try {
                named = valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ServletException(
                        "Keyguard Admin API: keyguard.admin.runtime is '"
                                + name
                                + "': use jersey or resteasy");
            }
            if (!named.isPresent(loader)) {
                throw new ServletException(
                        "Keyguard Admin API: keyguard.admin.runtime is '"
                                + name
                                + "' but the web app has no "
                                + named.servletClass
                                + "; "
                                + ADVICE);
            }
            return named;
        }
        for (JaxRsRuntime runtime : values()) {
            if (runtime.isPresent(loader)) {
                return runtime;
            }
        }
        throw new ServletException(
                "Keyguard Admin API: the web app has no JAX-RS runtime; " + ADVICE);
    }

    private static final String ADVICE =
            "add Jersey (org.glassfish.jersey.containers:jersey-container-servlet-core and"
                    + " org.glassfish.jersey.inject:jersey-hk2) to WEB-INF/lib, or deploy on a"
                    + " server that provides RESTEasy (WildFly); see docs/deploy.md";

    private boolean isPresent(ClassLoader loader) {
        try {
            Class.forName(servletClass, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * @throws ServletException if the runtime's servlet cannot be made
     */
    public Servlet newServlet(ClassLoader loader) throws ServletException {
        try {
            return Class.forName(servletClass, true, loader)
                    .asSubclass(Servlet.class)
                    .getConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new ServletException(
                    "Keyguard Admin API: could not make " + servletClass + ": " + e, e);
        }
    }

    /**
     * The servlet's own config with the application and this runtime's init-params added; the
     * host's init-params of the servlet come first, except the application's.
     */
    public ServletConfig configure(ServletConfig config, String applicationClass) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Enumeration<String> names = config.getInitParameterNames();
                names.hasMoreElements(); ) {
            String name = names.nextElement();
            parameters.put(name, config.getInitParameter(name));
        }
        initParameters.forEach(parameters::putIfAbsent);
        parameters.put(APPLICATION, applicationClass);
        return new ServletConfig() {
            @Override
            public String getServletName() {
                return config.getServletName();
            }

            @Override
            public ServletContext getServletContext() {
                return config.getServletContext();
            }

            @Override
            public String getInitParameter(String name) {
                return parameters.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(parameters.keySet());
            }
        };
    }
}
