package dev.keyguard.admin.jersey;

import dev.keyguard.admin.contract.HostPagesContract;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.servlet.ServletContainer;

/** The host's pages beside the Admin API servlet, the host's own application on Jersey. */
class JerseyHostPagesTest extends HostPagesContract {

    @Override
    protected ServletHolder hostJaxRs() {
        ServletHolder holder = new ServletHolder(ServletContainer.class);
        holder.setInitParameter("jakarta.ws.rs.Application", HostApplication.class.getName());
        return holder;
    }
}
