package dev.keyguard.admin.resteasy;

import dev.keyguard.admin.contract.HostPagesContract;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jboss.resteasy.plugins.server.servlet.HttpServletDispatcher;

/**
 * The host's pages beside the Admin API servlet, the host's own application on RESTEasy, whose
 * mapping prefix the host sets as a context-param (which the Admin API's RESTEasy must not take).
 */
class ResteasyHostPagesTest extends HostPagesContract {

    @Override
    protected void configureHost(ServletContextHandler context) {
        context.setInitParameter("resteasy.servlet.mapping.prefix", "/rest");
    }

    @Override
    protected ServletHolder hostJaxRs() {
        ServletHolder holder = new ServletHolder(HttpServletDispatcher.class);
        holder.setInitParameter("jakarta.ws.rs.Application", HostApplication.class.getName());
        return holder;
    }
}
