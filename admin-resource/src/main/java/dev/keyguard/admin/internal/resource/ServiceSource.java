package dev.keyguard.admin.internal.resource;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.ApiKeyService;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardException;
import jakarta.servlet.ServletContext;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the resource finds its {@link ApiKeyService}: the one given in code, or else the running
 * {@link Keyguard} that the filter publishes in the ServletContext attribute {@link
 * ApiKeyFilter#CONTEXT_ATTRIBUTE}. It is looked up per request because the filter may start after
 * the JAX-RS runtime.
 */
public final class ServiceSource {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceSource.class);

    private final ApiKeyService fixed;
    private final AtomicBoolean warned = new AtomicBoolean();

    private ServiceSource(ApiKeyService fixed) {
        this.fixed = fixed;
    }

    public static ServiceSource of(ApiKeyService service) {
        return new ServiceSource(Objects.requireNonNull(service, "service"));
    }

    public static ServiceSource fromServletContext() {
        return new ServiceSource(null);
    }

    /**
     * @throws KeyguardException {@code UNAVAILABLE} when no Keyguard runs in this web app (yet)
     */
    ApiKeyService service(ServletContext context) {
        if (fixed != null) {
            return fixed;
        }
        Object keyguard =
                context == null ? null : context.getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
        if (keyguard instanceof Keyguard running) {
            return running.service();
        }
        if (!warned.getAndSet(true)) {
            LOG.warn(
                    "Keyguard Admin API: no running Keyguard in the ServletContext attribute '{}'"
                            + " (said once); install the Keyguard filter, or pass the service to"
                            + " KeyguardAdminFeature",
                    ApiKeyFilter.CONTEXT_ATTRIBUTE);
        }
        throw KeyguardException.unavailable(null);
    }
}
