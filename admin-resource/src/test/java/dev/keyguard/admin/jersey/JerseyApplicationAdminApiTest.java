package dev.keyguard.admin.jersey;

import dev.keyguard.Keyguard;
import dev.keyguard.admin.KeyguardAdminApplication;
import dev.keyguard.admin.contract.AdminApiContract;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The contract on Jetty 12 + Jersey 3.1, deployed as a {@code web.xml}-only host (and the demo)
 * does: Jersey's servlet with {@link KeyguardAdminApplication} as its {@code
 * jakarta.ws.rs.Application} init-param.
 */
class JerseyApplicationAdminApiTest extends AdminApiContract {

    @Override
    protected String runtime() {
        return "jersey-application";
    }

    @Override
    protected ServletHolder adminServlet(Keyguard keyguard) {
        ServletHolder holder = new ServletHolder(ServletContainer.class);
        holder.setInitParameter(
                "jakarta.ws.rs.Application", KeyguardAdminApplication.class.getName());
        return holder;
    }
}
