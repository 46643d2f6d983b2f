package dev.keyguard;

import dev.keyguard.internal.Tuning;
import dev.keyguard.internal.failure.Failures;
import dev.keyguard.internal.web.BearerAuthentication;
import dev.keyguard.internal.web.ContainerAuthentication;
import dev.keyguard.internal.web.People;
import dev.keyguard.internal.web.ServletParameters;
import dev.keyguard.spi.PersonResolver;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request through only with a valid API key in {@code Authorization: Bearer <key>}; see the
 * Authentication section of the contract. The paths it guards are the container's {@code
 * <url-pattern>} mapping, less {@link KeyguardConfig#EXCLUDED_PATHS}.
 *
 * <p>Made by the container (declared in {@code web.xml}, or added by class name), it reads each
 * parameter of {@link KeyguardConfig} from its init-param, else the web app's context-param, else
 * the system property, else the environment variable, starts its own {@link Keyguard} in {@link
 * #init} and closes it in {@link #destroy}. Made in code with {@link #ApiKeyFilter(Keyguard)}, it
 * uses that Keyguard and its configuration, ignores init-params, and leaves closing it to the
 * caller. Either way it publishes the Keyguard as the servlet context attribute {@link
 * #CONTEXT_ATTRIBUTE}, where the admin API finds it. With {@link
 * KeyguardConfig#CONTAINER_AUTHENTICATION} on, it also registers Keyguard with the container
 * (Jakarta Authentication) for the web app while it runs, so that {@code web.xml} security
 * constraints guard by scope.
 *
 * <p>After a successful check, {@code request.getUserPrincipal()} returns the {@link
 * KeyguardPrincipal}, which is also the request attribute {@link
 * KeyguardPrincipal#REQUEST_ATTRIBUTE}. Thread-safe once initialised.
 */
public final class ApiKeyFilter implements Filter {

    /** The servlet context attribute that holds the filter's {@link Keyguard}. */
    public static final String CONTEXT_ATTRIBUTE = Keyguard.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyFilter.class);

    /** The Keyguard given in code, or {@code null} when this filter starts and owns one. */
    private final Keyguard given;

    private volatile Keyguard keyguard;
    private volatile BearerAuthentication authentication;
    private volatile ServletContext context;
    private volatile ContainerAuthentication containerAuthentication;
    private volatile PersonResolver people;

    /** For the container: configured from init-params and the fallbacks, owns its Keyguard. */
    public ApiKeyFilter() {
        this.given = null;
    }

    /** For registration in code: uses {@code keyguard}, which the caller closes. */
    public ApiKeyFilter(Keyguard keyguard) {
        this.given = Objects.requireNonNull(keyguard, "keyguard");
    }

    /**
     * @throws ServletException naming the parameter and value when the configuration is invalid, or
     *     when Keyguard cannot start on its database
     */
    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        keyguard = given != null ? given : startKeyguard(filterConfig);
        try {
            Tuning tuning = keyguard.internals().tuning();
            context = filterConfig.getServletContext();
            people = People.resolver(keyguard.config(), context);
            authentication =
                    new BearerAuthentication(
                            keyguard::check,
                            keyguard.config(),
                            keyguard.format(),
                            tuning.ticker(),
                            tuning.cacheExecutor(),
                            people,
                            keyguard.observer());
            if (context != null) {
                publish(context);
            }
            if (keyguard.config().containerAuthentication()) {
                containerAuthentication = startContainerAuthentication();
            }
        } catch (RuntimeException | ServletException e) {
            // The container calls no destroy() after a failed init(): close what this started.
            unpublish();
            if (given == null) {
                keyguard.close();
            }
            if (e instanceof ServletException refused) {
                throw refused;
            }
            throw new ServletException(
                    "Keyguard filter could not start: " + Failures.describe(e), e);
        }
    }

    /** {@link KeyguardConfig#CONTAINER_AUTHENTICATION}: Keyguard registered with the container. */
    private ContainerAuthentication startContainerAuthentication() throws ServletException {
        String setting = KeyguardConfig.CONTAINER_AUTHENTICATION.name();
        if (context == null) {
            throw new ServletException("Keyguard: " + setting + " needs a servlet context");
        }
        try {
            return ContainerAuthentication.start(context, authentication, keyguard.config());
        } catch (IllegalStateException e) {
            throw new ServletException("Keyguard: " + setting + " is on, but " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new ServletException(
                    "Keyguard: "
                            + setting
                            + " is on, but this container has no Jakarta Authentication 3"
                            + " (jakarta.security.auth.message) for the web app: "
                            + e,
                    e);
        }
    }

    private static Keyguard startKeyguard(FilterConfig filterConfig) throws ServletException {
        KeyguardConfig config;
        try {
            config = KeyguardConfig.from(ServletParameters.of(filterConfig)).build();
        } catch (IllegalArgumentException e) {
            throw new ServletException(
                    "Keyguard filter '"
                            + filterConfig.getFilterName()
                            + "' is misconfigured: "
                            + e.getMessage(),
                    e);
        }
        try {
            return Keyguard.start(config);
        } catch (IllegalStateException e) {
            throw new ServletException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ServletException(
                    "Keyguard filter '"
                            + filterConfig.getFilterName()
                            + "' could not start: "
                            + Failures.describe(e),
                    e);
        }
    }

    private void publish(ServletContext servletContext) {
        if (people != null
                && servletContext.getAttribute(PersonResolver.CONTEXT_ATTRIBUTE) == null) {
            servletContext.setAttribute(PersonResolver.CONTEXT_ATTRIBUTE, people);
        }
        Object present = servletContext.getAttribute(CONTEXT_ATTRIBUTE);
        if (present == null) {
            servletContext.setAttribute(CONTEXT_ATTRIBUTE, keyguard);
        } else if (present != keyguard) {
            LOG.warn(
                    "Keyguard: the servlet context already holds another Keyguard under {};"
                            + " the admin API uses that one, not this filter's",
                    CONTEXT_ATTRIBUTE);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http)
                || !(response instanceof HttpServletResponse httpResponse)) {
            throw new ServletException("Keyguard filters HTTP requests only");
        }
        authentication.doFilter(http, httpResponse, chain);
    }

    /** Closes the Keyguard (flushing {@code lastUsedAt}) if this filter started it. */
    @Override
    public void destroy() {
        if (containerAuthentication != null) {
            containerAuthentication.stop();
        }
        unpublish();
        if (given == null && keyguard != null) {
            keyguard.close();
        }
    }

    private void unpublish() {
        if (context != null && context.getAttribute(CONTEXT_ATTRIBUTE) == keyguard) {
            context.removeAttribute(CONTEXT_ATTRIBUTE);
        }
        if (context != null
                && people != null
                && context.getAttribute(PersonResolver.CONTEXT_ATTRIBUTE) == people) {
            context.removeAttribute(PersonResolver.CONTEXT_ATTRIBUTE);
        }
    }

    /** The Keyguard in use, once initialised. */
    public Keyguard keyguard() {
        return keyguard;
    }
}
