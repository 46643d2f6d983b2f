package dev.keyguard.internal.web;

import dev.keyguard.ApiKeyFilter;
import jakarta.servlet.Filter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat 11 on port 0, the filter declared as web.xml would declare it, behind a proxy as
 * far as the client address goes: {@code X-Forwarded-For} from loopback sets it ({@link
 * RemoteIpValve}), so that tests can play clients from many addresses.
 */
final class TomcatDeployment implements Deployment {

    private final Tomcat tomcat;
    private final Context context;

    private TomcatDeployment(Tomcat tomcat, Context context) {
        this.tomcat = tomcat;
        this.context = context;
    }

    /**
     * @param filter a filter made in code, or {@code null} for the container to make one
     */
    static Deployment start(Filter filter, Map<String, String> initParams) throws Exception {
        Path base = Files.createTempDirectory("keyguard-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        tomcat.getEngine().getPipeline().addValve(new RemoteIpValve());
        Context context = tomcat.addContext("/app", base.toString());
        Tomcat.addServlet(context, "whoami", new WhoAmIServlet());
        context.addServletMapping("/*", "whoami");
        FilterDef def = new FilterDef();
        def.setFilterName("keyguard");
        if (filter == null) {
            def.setFilterClass(ApiKeyFilter.class.getName());
        } else {
            def.setFilter(filter);
            def.setFilterClass(filter.getClass().getName());
        }
        initParams.forEach(def::addInitParameter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("keyguard");
        map.addURLPattern("/api/*");
        context.addFilterMap(map);
        tomcat.start();
        if (context.getState() != LifecycleState.STARTED) {
            tomcat.stop();
            tomcat.destroy();
            throw new IllegalStateException("Tomcat context did not start");
        }
        return new TomcatDeployment(tomcat, context);
    }

    @Override
    public URI uri(String pathInContext) {
        return URI.create(
                "http://127.0.0.1:"
                        + tomcat.getConnector().getLocalPort()
                        + "/app"
                        + pathInContext);
    }

    @Override
    public Object contextAttribute(String name) {
        return context.getServletContext().getAttribute(name);
    }

    @Override
    public void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
