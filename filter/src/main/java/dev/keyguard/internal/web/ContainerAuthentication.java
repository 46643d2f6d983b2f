package dev.keyguard.internal.web;

import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.Scopes;
import dev.keyguard.internal.rights.ScopeVocabulary;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KeyguardConfig#CONTAINER_AUTHENTICATION}: Keyguard registered with the container (Jakarta
 * Authentication 3, {@code AuthConfigFactory.registerServerAuthModule}) for one web app, so that
 * the container's own {@code web.xml} security constraints guard paths by scope. The filter starts
 * it in {@code init} and stops it in {@code destroy}; the container then calls {@link
 * KeyguardAuthModule} on every request, and its 403 for a key without the role comes to {@link
 * ScopeErrorServlet} (the web app's {@code <error-page>} for 403), which answers it as the
 * contract's 403 {@code insufficient_scope}, naming the scope the constraint asked for (read from
 * {@code WEB-INF/web.xml}, {@link WebXmlConstraints}). Thread-safe.
 */
public final class ContainerAuthentication {

    /** Where the drop-in mounts {@link ScopeErrorServlet}: the web app's 403 error page. */
    public static final String ERROR_PAGE = "/keyguard/forbidden";

    /** The name of {@link ScopeErrorServlet}'s registration. */
    public static final String ERROR_SERVLET_NAME = "keyguard-forbidden";

    /** The servlet context attribute that holds the running one, for {@link ScopeErrorServlet}. */
    static final String CONTEXT_ATTRIBUTE = ContainerAuthentication.class.getName();

    /**
     * The request attribute, set on a constrained request whose key has none of the roles its
     * constraint accepts: those roles that are declared scopes, space-separated.
     */
    static final String NEEDED_SCOPES_ATTRIBUTE =
            ContainerAuthentication.class.getName() + ".needed";

    private static final Logger LOG = LoggerFactory.getLogger(ContainerAuthentication.class);

    private final ServletContext context;
    private final BearerAuthentication authentication;
    private final FailureWriter writer;
    private final WebXmlConstraints constraints;

    /** The declared scopes and {@value Scopes#KEYS_MANAGE}: an unrestricted key's roles. */
    private final ScopeVocabulary vocabulary;

    private volatile AuthConfigFactory factory;
    private volatile String registration;

    private ContainerAuthentication(
            ServletContext context,
            BearerAuthentication authentication,
            KeyguardConfig config,
            WebXmlConstraints constraints) {
        this.context = context;
        this.authentication = authentication;
        this.writer = new FailureWriter(config.realm());
        this.constraints = constraints;
        this.vocabulary = new ScopeVocabulary(config.scopes());
    }

    /**
     * Registers Keyguard with the container for {@code context}'s web app.
     *
     * @param authentication the filter's pipeline: one throttle and one budget for both
     * @throws IllegalStateException when the container has no Jakarta Authentication factory, or
     *     one that cannot register a module for a web app, or when {@code WEB-INF/web.xml} does not
     *     parse
     * @throws LinkageError when the container has no Jakarta Authentication 3 API at all
     */
    public static ContainerAuthentication start(
            ServletContext context, BearerAuthentication authentication, KeyguardConfig config) {
        ContainerAuthentication started =
                new ContainerAuthentication(context, authentication, config, webXml(context));
        started.register();
        return started;
    }

    private void register() {
        AuthConfigFactory found = AuthConfigFactory.getFactory();
        if (found == null) {
            throw new IllegalStateException(
                    "this container has no Jakarta Authentication factory (AuthConfigFactory);"
                            + " enable its Jakarta Authentication support (docs/deploy.md), or"
                            + " switch "
                            + KeyguardConfig.CONTAINER_AUTHENTICATION.name()
                            + " off");
        }
        try {
            registration = found.registerServerAuthModule(new KeyguardAuthModule(this), context);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // Jetty 12's DefaultAuthConfigFactory, for one, does not implement it.
            throw new IllegalStateException(
                    "this container's Jakarta Authentication factory ("
                            + found.getClass().getName()
                            + ") cannot register a module for a web app"
                            + " (registerServerAuthModule): "
                            + e,
                    e);
        }
        factory = found;
        context.setAttribute(CONTEXT_ATTRIBUTE, this);
        if (!ERROR_PAGE.equals(constraints.forbiddenPage())) {
            LOG.warn(
                    "Keyguard: {} is on, but WEB-INF/web.xml has no <error-page> for 403 at {}:"
                            + " a key without the scope a constraint asks for gets the"
                            + " container's own 403, not insufficient_scope (docs/deploy.md)",
                    KeyguardConfig.CONTAINER_AUTHENTICATION.name(),
                    ERROR_PAGE);
        } else if (context.getServletRegistration(ERROR_SERVLET_NAME) == null) {
            LOG.warn(
                    "Keyguard: {} is on as a filter init-param only, so nothing serves {}: set it"
                            + " as a context-param (docs/deploy.md)",
                    KeyguardConfig.CONTAINER_AUTHENTICATION.name(),
                    ERROR_PAGE);
        }
        LOG.info(
                "Keyguard authenticates for the container: {} security constraints in"
                        + " WEB-INF/web.xml",
                constraints.isEmpty() ? "no" : "the");
    }

    private static WebXmlConstraints webXml(ServletContext context) {
        try (InputStream in = context.getResourceAsStream("/WEB-INF/web.xml")) {
            return in == null ? WebXmlConstraints.NONE : WebXmlConstraints.read(in);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Unregisters Keyguard; the container authenticates as it would without it. */
    public void stop() {
        if (context.getAttribute(CONTEXT_ATTRIBUTE) == this) {
            context.removeAttribute(CONTEXT_ATTRIBUTE);
        }
        if (factory != null && registration != null) {
            factory.removeRegistration(registration);
        }
    }

    /**
     * The filter's pipeline for a constrained request; the caller, once known, is also the request
     * attribute {@link KeyguardPrincipal#REQUEST_ATTRIBUTE}, and the scopes the request's
     * constraint asks for and the key lacks are noted for {@link ScopeErrorServlet}.
     *
     * @return {@code null} when refused, the answer written
     */
    KeyguardPrincipal authenticate(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        KeyguardPrincipal principal = authentication.authenticateForContainer(request, response);
        if (principal != null) {
            request.setAttribute(KeyguardPrincipal.REQUEST_ATTRIBUTE, principal);
            String needed = lacking(principal, request);
            if (needed != null) {
                request.setAttribute(NEEDED_SCOPES_ATTRIBUTE, needed);
            }
        }
        return principal;
    }

    /** The key's roles: its scopes among the declared ones, all of them when unrestricted. */
    String[] roles(KeyguardPrincipal principal) {
        return vocabulary.names().stream().filter(principal::hasScope).toArray(String[]::new);
    }

    /** The declared scopes the request's constraint accepts, when the key has none of them. */
    private String lacking(KeyguardPrincipal principal, HttpServletRequest request) {
        if (constraints.isEmpty() || principal.scopes().isUnrestricted()) {
            return null;
        }
        WebXmlConstraints.Requirement required =
                constraints.required(request.getMethod(), PassThrough.pathInContext(request));
        if (required.kind() != WebXmlConstraints.Kind.ROLES
                || required.roles().stream().anyMatch(r -> isRole(principal, r))) {
            return null;
        }
        String needed =
                required.roles().stream()
                        .filter(vocabulary::contains)
                        .sorted()
                        .collect(Collectors.joining(" "));
        return needed.isEmpty() ? null : needed;
    }

    private boolean isRole(KeyguardPrincipal principal, String role) {
        return vocabulary.contains(role) && principal.hasScope(role);
    }

    FailureWriter writer() {
        return writer;
    }
}
