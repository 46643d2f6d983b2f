package dev.keyguard.internal.events;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * One application node: its own Keyguard (pool, cache, key-event follower) behind an {@link
 * ApiKeyFilter} in its own Jetty on a free port, reached over real HTTP.
 */
public final class Node implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    public final String name;
    public final Keyguard keyguard;
    private final Server server;
    private final URI ping;

    private Node(String name, Keyguard keyguard, Server server, URI ping) {
        this.name = name;
        this.keyguard = keyguard;
        this.server = server;
        this.ping = ping;
    }

    public static Node start(String name, KeyguardConfig config) {
        Keyguard keyguard = Keyguard.start(config);
        Server server = serve(keyguard, new Ok());
        return new Node(name, keyguard, server, URI.create(base(server) + "api/ping"));
    }

    /**
     * A Jetty on a free port of 127.0.0.1 with {@code keyguard}'s filter on {@code /api/*} in front
     * of {@code servlet} on {@code /*}, started; if it cannot start, {@code keyguard} is closed.
     */
    static Server serve(Keyguard keyguard, HttpServlet servlet) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(
                new FilterHolder(new ApiKeyFilter(keyguard)),
                "/api/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(servlet), "/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            keyguard.close();
            throw new IllegalStateException("Jetty did not start", e);
        }
        return server;
    }

    /** {@code http://127.0.0.1:<port>/} of a server {@link #serve} started. */
    static String base(Server server) {
        return "http://127.0.0.1:"
                + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
                + "/";
    }

    /** The status of {@code GET /api/ping} with the key: 200 accepted, 401 refused. */
    public int status(String rawKey) {
        HttpRequest request =
                HttpRequest.newBuilder(ping)
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + rawKey)
                        .GET()
                        .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(name + ": GET failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            keyguard.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private static final class Ok extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("ok");
        }
    }
}
