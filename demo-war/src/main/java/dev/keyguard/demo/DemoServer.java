package dev.keyguard.demo;

import java.net.URI;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The demo webapp on embedded Jetty 12. Built by {@link #create}, so tests start it on port 0 the
 * same way {@code java -jar keyguard-demo.war} does.
 *
 * <p>What Jetty answers itself is in the contract's JSON envelope ({@link JsonErrors}), no answer
 * names Jetty or its version (no {@code Server} header), and {@code TRACE} reaches the webapp,
 * whose servlets refuse it with 405 ({@link TraceToTheApp}).
 */
public final class DemoServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private DemoServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * A server for the webapp in {@code webappDir} (the unpacked WAR, or {@code src/main/webapp} in
     * development, where the classes come from the class path instead of {@code WEB-INF}).
     */
    public static DemoServer create(DemoOptions options, Path webappDir) {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrors.ForServer());

        WebAppContext webapp = new WebAppContext();
        webapp.setErrorHandler(new JsonErrors.ForWebapp());
        webapp.setSecurityHandler(new TraceToTheApp());
        webapp.setContextPath("/");
        webapp.setBaseResourceAsPath(webappDir);
        webapp.setParentLoaderPriority(!webappDir.resolve("WEB-INF/lib").toFile().isDirectory());
        webapp.setThrowUnavailableOnStartupException(true);
        options.keyguardParameters().forEach(webapp::setInitParameter);
        server.setHandler(webapp);
        server.setStopAtShutdown(true);
        return new DemoServer(server, connector);
    }

    /** Starts serving. @return the base URI, e.g. {@code http://127.0.0.1:8080/} */
    public URI start() throws Exception {
        server.start();
        return uri();
    }

    public URI uri() {
        return URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort() + "/");
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /**
     * Stops the server; the webapp's Keyguard flushes its pending last-use times first. The JVM's
     * shutdown (SIGTERM, Ctrl+C) does the same, through Jetty's stop-at-shutdown hook.
     *
     * @throws IllegalStateException if the server did not stop cleanly
     */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The demo server did not stop cleanly", e);
        }
    }
}
