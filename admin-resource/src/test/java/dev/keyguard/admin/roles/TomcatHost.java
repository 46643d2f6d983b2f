package dev.keyguard.admin.roles;

import jakarta.servlet.Filter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** Embedded Tomcat 11. */
public final class TomcatHost implements ServletHost {

    private final Tomcat tomcat;
    private final URI base;

    private TomcatHost(Tomcat tomcat, URI base) {
        this.tomcat = tomcat;
        this.base = base;
    }

    public static ServletHost start(Filter filter, String servletClass, Map<String, String> params)
            throws Exception {
        Path dir = Files.createTempDirectory("keyguard-roles-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(dir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", dir.toString());
        FilterDef def = new FilterDef();
        def.setFilterName("keyguard");
        def.setFilter(filter);
        def.setFilterClass(filter.getClass().getName());
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("keyguard");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        Wrapper servlet = Tomcat.addServlet(context, "jaxrs", servletClass);
        params.forEach(servlet::addInitParameter);
        servlet.setLoadOnStartup(1);
        context.addServletMapping("/*", "jaxrs");
        tomcat.start();
        if (context.getState() != LifecycleState.STARTED) {
            tomcat.stop();
            tomcat.destroy();
            throw new IllegalStateException("Tomcat context did not start");
        }
        return new TomcatHost(
                tomcat,
                URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/"));
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
