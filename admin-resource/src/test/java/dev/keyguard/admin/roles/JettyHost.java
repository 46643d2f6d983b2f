package dev.keyguard.admin.roles;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 (ee10). */
public final class JettyHost implements ServletHost {

    private final Server server;
    private final URI base;

    private JettyHost(Server server, URI base) {
        this.server = server;
        this.base = base;
    }

    public static ServletHost start(Filter filter, String servletClass, Map<String, String> params)
            throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder servlet = new ServletHolder();
        servlet.setName("jaxrs");
        servlet.setClassName(servletClass);
        servlet.setInitParameters(params);
        servlet.setInitOrder(1);
        context.addServlet(servlet, "/*");
        server.setHandler(context);
        server.start();
        return new JettyHost(
                server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
    }

    @Override
    public URI base() {
        return base;
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
