package dev.keyguard.admin.roles.resteasy;

import dev.keyguard.admin.roles.RolesAllowedContract;
import dev.keyguard.admin.roles.ServletHost;
import dev.keyguard.admin.roles.TomcatHost;
import java.util.Map;
import org.jboss.resteasy.plugins.server.servlet.HttpServletDispatcher;

/** {@code @RolesAllowed} on RESTEasy ({@code resteasy.role.based.security=true}) in Tomcat. */
class ResteasyOnTomcatRolesAllowedTest extends RolesAllowedContract {

    @Override
    protected ServletHost.Starter container() {
        return TomcatHost::start;
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
