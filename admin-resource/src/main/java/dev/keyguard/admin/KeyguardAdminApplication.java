package dev.keyguard.admin;

import dev.keyguard.admin.internal.resource.ApiKeysResource;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * The Admin API as a JAX-RS application of its own, for hosts configured by {@code web.xml} alone
 * and for any runtime (Jersey, RESTEasy, ...): name it as the servlet's {@code
 * jakarta.ws.rs.Application} init-param and map the servlet to {@code /*} (the resource path is
 * {@code api/v1/api-keys} below the mapping). The service is the running {@link
 * dev.keyguard.Keyguard} that the Keyguard filter publishes in the ServletContext.
 *
 * <pre>{@code
 * <servlet>
 *   <servlet-name>keyguard-admin</servlet-name>
 *   <servlet-class>org.glassfish.jersey.servlet.ServletContainer</servlet-class>
 *   <init-param>
 *     <param-name>jakarta.ws.rs.Application</param-name>
 *     <param-value>dev.keyguard.admin.KeyguardAdminApplication</param-value>
 *   </init-param>
 * </servlet>
 * <servlet-mapping>
 *   <servlet-name>keyguard-admin</servlet-name>
 *   <url-pattern>/*</url-pattern>
 * </servlet-mapping>
 * }</pre>
 *
 * <p>Every error of this application, on any path, is written as the JSON error envelope. A host
 * with its own RESTEasy {@code Application} can add {@code new KeyguardAdminApplication()}'s {@link
 * #getClasses()} to its own classes and its {@link #getSingletons()} to its own singletons instead.
 *
 * <p>The resource is a class, which the runtime instantiates (per request), and the providers are
 * instances: Jersey takes every instance in {@code getSingletons()} for a provider and would warn
 * on each start that the resource implements no provider interface.
 */
public class KeyguardAdminApplication extends Application {

    private final Set<Object> singletons = AdminComponents.providers(true);

    /**
     * Switches Jersey's WADL off ({@code jersey.config.server.wadl.disableWadl}): no {@code
     * /application.wadl} describing the application to callers without a key. Other runtimes ignore
     * the property.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of(AdminComponents.JERSEY_WADL_DISABLE, true);
    }

    /** The resource, {@code api/v1/api-keys}. */
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ApiKeysResource.class);
    }

    /** Keyguard's JSON reader and writer, exception mappers and filters. */
    @Override
    @SuppressWarnings("deprecation")
    public Set<Object> getSingletons() {
        return singletons;
    }
}
