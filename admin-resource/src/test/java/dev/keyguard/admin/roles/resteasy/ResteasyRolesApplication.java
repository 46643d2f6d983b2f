package dev.keyguard.admin.roles.resteasy;

import dev.keyguard.admin.roles.LeadsResource;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** A host's application on RESTEasy; roles are enforced by {@code resteasy.role.based.security}. */
public class ResteasyRolesApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(LeadsResource.class);
    }
}
