package dev.keyguard.admin.jersey;

import dev.keyguard.Keyguard;
import dev.keyguard.admin.KeyguardAdminFeature;
import dev.keyguard.admin.contract.AdminApiProperties;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** The properties on Jetty 12 + Jersey 3.1, with the service given in code. */
class JerseyAdminApiPropertiesTest extends AdminApiProperties {

    @Override
    protected ServletHolder adminServlet(Keyguard keyguard) {
        return new ServletHolder(
                new ServletContainer(
                        new ResourceConfig()
                                .register(new KeyguardAdminFeature(keyguard.service()))));
    }
}
