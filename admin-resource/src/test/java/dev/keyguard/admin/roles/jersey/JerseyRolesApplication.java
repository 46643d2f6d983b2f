package dev.keyguard.admin.roles.jersey;

import dev.keyguard.admin.roles.LeadsResource;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/** A host's Jersey application enforcing {@code @RolesAllowed}, as Jersey's guide has it. */
public class JerseyRolesApplication extends ResourceConfig {

    public JerseyRolesApplication() {
        register(LeadsResource.class);
        register(RolesAllowedDynamicFeature.class);
    }
}
