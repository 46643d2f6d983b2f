package dev.keyguard.admin.jersey;

import dev.keyguard.admin.contract.PathScopesContract;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** {@code keyguard.path-scopes} in front of a host's resource on Jersey. */
class JerseyPathScopesTest extends PathScopesContract {

    @Override
    protected ServletHolder hostJaxRs() {
        return new ServletHolder(
                new ServletContainer(ResourceConfig.forApplicationClass(LeadsApplication.class)));
    }
}
