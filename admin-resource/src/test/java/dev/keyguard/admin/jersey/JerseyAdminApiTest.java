package dev.keyguard.admin.jersey;

import dev.keyguard.Keyguard;
import dev.keyguard.admin.KeyguardAdminFeature;
import dev.keyguard.admin.contract.AdminApiContract;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The contract on Jetty 12 + Jersey 3.1, registered as a Jersey host does: one {@link
 * KeyguardAdminFeature} in its ResourceConfig, the service found in the ServletContext.
 */
class JerseyAdminApiTest extends AdminApiContract {

    @Override
    protected String runtime() {
        return "jersey";
    }

    @Override
    protected ServletHolder adminServlet(Keyguard keyguard) {
        return new ServletHolder(
                new ServletContainer(new ResourceConfig().register(new KeyguardAdminFeature())));
    }
}
