package dev.keyguard.admin.roles.jersey;

import dev.keyguard.admin.roles.RolesAllowedContract;
import dev.keyguard.admin.roles.ServletHost;
import dev.keyguard.admin.roles.TomcatHost;
import java.util.Map;
import org.glassfish.jersey.servlet.ServletContainer;

/** {@code @RolesAllowed} on Jersey (RolesAllowedDynamicFeature) in Tomcat. */
class JerseyOnTomcatRolesAllowedTest extends RolesAllowedContract {

    @Override
    protected ServletHost.Starter container() {
        return TomcatHost::start;
    }

    @Override
    protected String servletClass() {
        return ServletContainer.class.getName();
    }

    @Override
    protected Map<String, String> initParams() {
        return Map.of("jakarta.ws.rs.Application", JerseyRolesApplication.class.getName());
    }
}
