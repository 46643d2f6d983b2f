package dev.keyguard.admin;

import dev.keyguard.ApiKeyService;
import dev.keyguard.Keyguard;
import dev.keyguard.admin.internal.resource.ApiKeysResource;
import dev.keyguard.admin.internal.resource.ServiceSource;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Adds the Admin API ({@code /api/v1/api-keys}, relative to the JAX-RS application's root) to a
 * host's JAX-RS application in one line:
 *
 * <pre>{@code
 * resourceConfig.register(new KeyguardAdminFeature());          // Jersey
 * }</pre>
 *
 * <p>It registers the resource, Keyguard's own JSON reader and writer, and exception mappers. The
 * mappers for the runtime's own errors and for unexpected exceptions answer only for requests under
 * the Admin API's path; the host's other resources keep their behaviour.
 *
 * <p>Registering a resource from a {@code Feature} is a Jersey extension that the Jakarta REST
 * specification does not require; RESTEasy (WildFly) ignores it. On RESTEasy, or in {@code web.xml}
 * alone, use {@link KeyguardAdminApplication}.
 *
 * <p>The caller must be authenticated by the Keyguard filter, which puts a {@link
 * dev.keyguard.KeyguardPrincipal} on the request; without one the answer is 401.
 */
public final class KeyguardAdminFeature implements Feature {

    /** The class-path resource of the OpenAPI 3.1 document of the Admin API. */
    public static final String OPENAPI_YAML = "/dev/keyguard/admin/openapi.yaml";

    private final ServiceSource services;

    /**
     * Uses the running {@link Keyguard} that the Keyguard filter publishes in the ServletContext
     * attribute {@code dev.keyguard.Keyguard}, looked up on each request.
     */
    public KeyguardAdminFeature() {
        this.services = ServiceSource.fromServletContext();
    }

    /** Uses this service, e.g. from a {@link Keyguard} the host started in code. */
    public KeyguardAdminFeature(ApiKeyService service) {
        this.services = ServiceSource.of(service);
    }

    /**
     * Registers the resource and the providers, and switches Jersey's WADL off for the host's
     * application ({@code jersey.config.server.wadl.disableWadl}), unless the host set that
     * property itself: with WADL on, {@code /application.wadl} would describe the Admin API to
     * anyone who reaches the servlet.
     */
    @Override
    public boolean configure(FeatureContext context) {
        if (context.getConfiguration().getProperty(AdminComponents.JERSEY_WADL_DISABLE) == null) {
            context.property(AdminComponents.JERSEY_WADL_DISABLE, true);
        }
        context.register(new ApiKeysResource(services));
        AdminComponents.providers(false).forEach(context::register);
        return true;
    }
}
