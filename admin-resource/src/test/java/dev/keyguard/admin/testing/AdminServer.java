package dev.keyguard.admin.testing;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Keyguard;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty 12 (ee10) on a free port of 127.0.0.1, with Keyguard's filter in front of a JAX-RS
 * servlet mapped to {@code /*} (or the mapping given), and the running Keyguard published in the
 * ServletContext as the Keyguard filter publishes it.
 */
public final class AdminServer implements AutoCloseable {

    private final Server server;
    private final ServletContextHandler context;
    private final URI base;

    private AdminServer(Server server, ServletContextHandler context, URI base) {
        this.server = server;
        this.context = context;
        this.base = base;
    }

    /**
     * @param jaxrs the runtime's servlet, configured with the Admin API
     */
    public static AdminServer start(Keyguard keyguard, ServletHolder jaxrs) {
        return start(keyguard, jaxrs, true);
    }

    /**
     * @param authenticate whether the authentication filter is installed in front
     */
    public static AdminServer start(Keyguard keyguard, ServletHolder jaxrs, boolean authenticate) {
        return start(keyguard, jaxrs, "/*", authenticate, false);
    }

    /**
     * @param mapping the servlet's URL pattern, e.g. {@code KeyguardAdminServlet.URL_PATTERN}
     */
    public static AdminServer start(Keyguard keyguard, ServletHolder jaxrs, String mapping) {
        return start(keyguard, jaxrs, mapping, true, false);
    }

    /**
     * A server that lets through the URIs Jetty refuses by default (an encoded {@code /}, {@code
     * \\} or NUL in a segment, {@code ..} encoded): as a container with laxer checks would.
     */
    public static AdminServer startLenient(Keyguard keyguard, ServletHolder jaxrs) {
        return startLenient(keyguard, jaxrs, "/*");
    }

    /** {@link #startLenient(Keyguard, ServletHolder)} with the servlet at {@code mapping}. */
    public static AdminServer startLenient(Keyguard keyguard, ServletHolder jaxrs, String mapping) {
        return start(keyguard, jaxrs, mapping, true, true);
    }

    /** {@link #start(Keyguard, ServletHolder, boolean)} with the servlet at {@code mapping}. */
    public static AdminServer start(
            Keyguard keyguard, ServletHolder jaxrs, String mapping, boolean authenticate) {
        return start(keyguard, jaxrs, mapping, authenticate, false);
    }

    private static AdminServer start(
            Keyguard keyguard,
            ServletHolder jaxrs,
            String mapping,
            boolean authenticate,
            boolean lenient) {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        if (lenient) {
            http.setUriCompliance(UriCompliance.UNSAFE);
        }
        ServerConnector connector =
                new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE, keyguard);
        if (authenticate) {
            context.addFilter(
                    new FilterHolder(new ApiKeyFilter(keyguard)),
                    "/*",
                    EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(jaxrs, mapping);
        if (lenient) {
            context.getServletHandler().setDecodeAmbiguousURIs(true);
        }
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not start", e);
        }
        return new AdminServer(
                server, context, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
    }

    public URI base() {
        return base;
    }

    public ServletContext servletContext() {
        return context.getServletContext();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
