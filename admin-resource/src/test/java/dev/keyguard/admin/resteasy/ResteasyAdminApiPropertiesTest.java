package dev.keyguard.admin.resteasy;

import dev.keyguard.Keyguard;
import dev.keyguard.admin.KeyguardAdminApplication;
import dev.keyguard.admin.contract.AdminApiProperties;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jboss.resteasy.plugins.server.servlet.HttpServletDispatcher;

/** The properties on Jetty 12 + RESTEasy. */
class ResteasyAdminApiPropertiesTest extends AdminApiProperties {

    @Override
    protected ServletHolder adminServlet(Keyguard keyguard) {
        ServletHolder holder = new ServletHolder(HttpServletDispatcher.class);
        holder.setInitParameter(
                "jakarta.ws.rs.Application", KeyguardAdminApplication.class.getName());
        return holder;
    }
}
