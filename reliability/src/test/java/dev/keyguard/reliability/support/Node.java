package dev.keyguard.reliability.support;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.admin.KeyguardAdminFeature;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * One Keyguard node as a host would run it: a real Jetty 12 (ee10) with the Keyguard filter on
 * {@code /*} (made in code around the given Keyguard, so it publishes it), the Admin API on Jersey
 * 3.1 at {@code /api/v1/api-keys}, and {@code /whoami}, a host servlet that needs no database,
 * which answers the caller's organisation. Reachable over TCP on 127.0.0.1 and through an
 * in-process {@link LocalConnector}.
 */
public final class Node implements AutoCloseable {

    /** Request headers a node reads (Jetty's default is 8 KiB). */
    public static final int MAX_HEADER_BYTES = 32 * 1024;

    /** Response header set on every request that reached the web app, i.e. the filters ran. */
    public static final String REACHED = "X-Test-Reached-App";

    /** The host servlet's path. */
    public static final String WHOAMI = "whoami";

    private final Server server;
    private final LocalConnector local;
    private final URI base;

    private Node(Server server, LocalConnector local, URI base) {
        this.server = server;
        this.local = local;
        this.base = base;
    }

    public static Node start(Keyguard keyguard) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("node");
        Server server = new Server(threads);
        // Headers up to 32 KiB reach the filter, so that 10 KB keys are its to judge.
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        ServerConnector connector =
                new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        LocalConnector local = new LocalConnector(server, new HttpConnectionFactory(http));
        server.addConnector(local);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(
                new FilterHolder(new ReachedMarker()), "/*", EnumSet.allOf(DispatcherType.class));
        context.addFilter(
                new FilterHolder(new ApiKeyFilter(keyguard)),
                "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(
                new ServletHolder(
                        new ServletContainer(
                                new ResourceConfig().register(new KeyguardAdminFeature()))),
                "/*");
        context.addServlet(new ServletHolder(new WhoAmI()), "/" + WHOAMI);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not start", e);
        }
        return new Node(
                server, local, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
    }

    public URI base() {
        return base;
    }

    public LocalConnector local() {
        return local;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The host's own resource: answers who called, touches no database. */
    static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            KeyguardPrincipal caller = (KeyguardPrincipal) request.getUserPrincipal();
            response.setContentType("text/plain");
            response.getOutputStream()
                    .write(caller.organisationId().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * First in the chain: marks the response, so a test can tell an answer of the web app
     * (Keyguard's filter and the Admin API, which owe the envelope) from one the container gave
     * before any filter ran.
     */
    static final class ReachedMarker implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            ((HttpServletResponse) response).setHeader(REACHED, "1");
            chain.doFilter(request, response);
        }
    }
}
