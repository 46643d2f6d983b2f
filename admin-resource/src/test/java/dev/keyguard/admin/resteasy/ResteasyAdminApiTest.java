package dev.keyguard.admin.resteasy;

import dev.keyguard.Keyguard;
import dev.keyguard.admin.KeyguardAdminApplication;
import dev.keyguard.admin.contract.AdminApiContract;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jboss.resteasy.plugins.server.servlet.HttpServletDispatcher;

/**
 * The contract on Jetty 12 + RESTEasy (WildFly's runtime), deployed as a {@code web.xml}-only host
 * does: RESTEasy's servlet with {@link KeyguardAdminApplication} as its {@code
 * jakarta.ws.rs.Application} init-param.
 */
class ResteasyAdminApiTest extends AdminApiContract {

    @Override
    protected String runtime() {
        return "resteasy";
    }

    @Override
    protected ServletHolder adminServlet(Keyguard keyguard) {
        ServletHolder holder = new ServletHolder(HttpServletDispatcher.class);
        holder.setInitParameter(
                "jakarta.ws.rs.Application", KeyguardAdminApplication.class.getName());
        return holder;
    }
}
