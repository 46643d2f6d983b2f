package dev.keyguard.internal.web;

import dev.keyguard.ApiKeyFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Jetty 12 (ee10) on port 0, the filter installed through a {@link FilterHolder}, behind a proxy as
 * far as the client address goes: {@code X-Forwarded-For} sets it ({@link
 * ForwardedRequestCustomizer}), so that tests can play clients from many addresses.
 */
final class JettyDeployment implements Deployment {

    private final Server server;
    private final ServletContextHandler context;
    private final int port;

    private JettyDeployment(Server server, ServletContextHandler context, int port) {
        this.server = server;
        this.context = context;
        this.port = port;
    }

    /**
     * @param filter a filter made in code, or {@code null} for the container to make one
     */
    static Deployment start(Filter filter, Map<String, String> initParams) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.addCustomizer(new ForwardedRequestCustomizer());
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/app");
        FilterHolder holder =
                filter == null ? new FilterHolder(ApiKeyFilter.class) : new FilterHolder(filter);
        holder.setName("keyguard");
        holder.setInitParameters(initParams);
        context.addFilter(holder, "/api/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new WhoAmIServlet()), "/*");
        server.setHandler(context);
        server.start();
        return new JettyDeployment(server, context, connector.getLocalPort());
    }

    @Override
    public URI uri(String pathInContext) {
        return URI.create("http://127.0.0.1:" + port + "/app" + pathInContext);
    }

    @Override
    public Object contextAttribute(String name) {
        return context.getServletContext().getAttribute(name);
    }

    @Override
    public void stop() throws Exception {
        server.stop();
    }
}
