package dev.keyguard.admin.resteasy;

import dev.keyguard.admin.contract.PathScopesContract;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jboss.resteasy.plugins.server.servlet.HttpServletDispatcher;

/** {@code keyguard.path-scopes} in front of a host's resource on RESTEasy. */
class ResteasyPathScopesTest extends PathScopesContract {

    @Override
    protected ServletHolder hostJaxRs() {
        ServletHolder holder = new ServletHolder(HttpServletDispatcher.class);
        holder.setInitParameter("jakarta.ws.rs.Application", LeadsApplication.class.getName());
        return holder;
    }
}
