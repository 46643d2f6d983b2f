package dev.keyguard.admin.roles.resteasy;

import dev.keyguard.admin.roles.JettyHost;
import dev.keyguard.admin.roles.RolesAllowedContract;
import dev.keyguard.admin.roles.ServletHost;
import java.util.Map;
import org.jboss.resteasy.plugins.server.servlet.HttpServletDispatcher;

/** {@code @RolesAllowed} on RESTEasy ({@code resteasy.role.based.security=true}) in Jetty. */
class ResteasyOnJettyRolesAllowedTest extends RolesAllowedContract {

    @Override
    protected ServletHost.Starter container() {
        return JettyHost::start;
    }

    @Override
    protected String servletClass() {
        return HttpServletDispatcher.class.getName();
    }

    @Override
    protected Map<String, String> initParams() {
        return Map.of(
                "jakarta.ws.rs.Application",
                ResteasyRolesApplication.class.getName(),
                "resteasy.role.based.security",
                "true");
    }
}
