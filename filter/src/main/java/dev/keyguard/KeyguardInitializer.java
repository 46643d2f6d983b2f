package dev.keyguard;

import dev.keyguard.internal.web.ContainerAuthentication;
import dev.keyguard.internal.web.ScopeErrorServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.SessionCookieConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop-in: with Keyguard's jars in {@code WEB-INF/lib} and {@link KeyguardConfig#URL_PATTERNS}
 * set (a context-param, system property or environment variable), the container finds this
 * initializer ({@code META-INF/services}) and it registers the filter on those patterns and, unless
 * {@link KeyguardConfig#ADMIN_API} is off, the Admin API servlet at its own path (when the web app
 * has it), guarded too. Without the parameter it does nothing; a filter or admin servlet that
 * {@code web.xml} declares is left as it is. A bad value, or a path taken already, stops the web
 * app with a message that says so. With {@link KeyguardConfig#CONTAINER_AUTHENTICATION} on (a
 * context-param, or with the patterns also a system property or environment variable) it mounts the
 * 403 error page that names the scope a container's constraint refused. A host never calls it; the
 * container makes one per web app.
 */
public final class KeyguardInitializer implements ServletContainerInitializer {

    static final String FILTER_NAME = "keyguard";
    static final String ADMIN_SERVLET_NAME = "keyguard-admin";
    static final String ADMIN_SERVLET_CLASS = "dev.keyguard.admin.KeyguardAdminServlet";
    static final String ADMIN_URL_PATTERN = "/api/v1/api-keys/*";
    static final String DASHBOARD_SERVLET_NAME = "keyguard-dashboard";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        Function<String, String> source = parameters(context);
        List<String> patterns;
        try {
            patterns = KeyguardConfig.URL_PATTERNS.read(source);
        } catch (IllegalArgumentException e) {
            throw new ServletException("Keyguard: " + e.getMessage());
        }
        boolean containerAuthentication;
        try {
            // Without the patterns, only the web app's own context-param counts: a web.xml that
            // declares the filter and switches this on gets its error page mounted.
            containerAuthentication =
                    KeyguardConfig.CONTAINER_AUTHENTICATION.read(
                            patterns.isEmpty() ? context::getInitParameter : source);
        } catch (IllegalArgumentException e) {
            throw new ServletException("Keyguard: " + e.getMessage());
        }
        if (containerAuthentication) {
            addScopeErrorServlet(context);
        }
        if (patterns.isEmpty()) {
            return; // not configured: read nothing else, log nothing
        }
        boolean adminApi;
        try {
            adminApi = KeyguardConfig.ADMIN_API.read(source);
        } catch (IllegalArgumentException e) {
            throw new ServletException("Keyguard: " + e.getMessage());
        }
        Logger log = LoggerFactory.getLogger(KeyguardInitializer.class);
        if (declares(context, ApiKeyFilter.class.getName())) {
            log.warn(
                    "Keyguard: {} is set, but the web app declares the Keyguard filter itself;"
                            + " its declaration stands and the drop-in registers nothing",
                    KeyguardConfig.URL_PATTERNS.name());
            return;
        }
        boolean admin =
                adminApi
                        && hasClass(context, ADMIN_SERVLET_CLASS)
                        && !declaresServlet(context, ADMIN_SERVLET_CLASS);
        List<String> guarded = new ArrayList<>(patterns);
        if (admin && !guarded.contains(ADMIN_URL_PATTERN)) {
            guarded.add(ADMIN_URL_PATTERN);
        }
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, ApiKeyFilter.class);
        if (filter == null) {
            throw new ServletException(
                    "Keyguard: the web app has a filter named '"
                            + FILTER_NAME
                            + "' of its own; rename it, or declare Keyguard's filter in web.xml");
        }
        filter.setAsyncSupported(true);
        // Before the filters web.xml declares: nothing of the host's sees an unauthenticated call.
        filter.addMappingForUrlPatterns(
                EnumSet.of(DispatcherType.REQUEST), false, guarded.toArray(String[]::new));
        if (admin) {
            addAdminServlet(context);
        }
        String dashboard = admin ? dashboardPath(source) : null;
        if (dashboard != null) {
            addDashboardServlet(context, dashboard);
        }
        log.info(
                "Keyguard registered itself: the filter on {}{}{}",
                guarded,
                admin ? ", the Admin API at " + ADMIN_URL_PATTERN : "",
                dashboard != null ? ", the dashboard at " + dashboard + "/" : "");
    }

    /** Where the dashboard goes: {@link KeyguardConfig#DASHBOARD_PATH} when people are set up. */
    private static String dashboardPath(Function<String, String> source) throws ServletException {
        try {
            boolean people =
                    KeyguardConfig.PEOPLE_MAPPING.read(source) != null
                            || KeyguardConfig.PEOPLE_RESOLVER.read(source) != null;
            return people ? KeyguardConfig.DASHBOARD_PATH.read(source) : null;
        } catch (IllegalArgumentException e) {
            throw new ServletException("Keyguard: " + e.getMessage());
        }
    }

    /**
     * The dashboard at {@code path/*}, and the session cookie people log in with made {@code
     * HttpOnly} and {@code SameSite=Lax} unless the web app chose a SameSite of its own.
     */
    private static void addDashboardServlet(ServletContext context, String path)
            throws ServletException {
        ServletRegistration.Dynamic servlet =
                context.addServlet(DASHBOARD_SERVLET_NAME, KeyguardDashboardServlet.class);
        if (servlet == null) {
            throw new ServletException(
                    "Keyguard: the web app has a servlet named '"
                            + DASHBOARD_SERVLET_NAME
                            + "' of its own; rename it, or declare the dashboard in web.xml");
        }
        servlet.setAsyncSupported(true);
        if (!servlet.addMapping(path + "/*").isEmpty()) {
            throw new ServletException(
                    "Keyguard: "
                            + path
                            + "/* is mapped to a servlet of the web app's already; set "
                            + KeyguardConfig.DASHBOARD_PATH.name()
                            + " to another path");
        }
        SessionCookieConfig cookie = context.getSessionCookieConfig();
        cookie.setHttpOnly(true);
        if (!sameSiteLax(cookie)) {
            LoggerFactory.getLogger(KeyguardInitializer.class)
                    .warn(
                            "Keyguard: this container cannot set SameSite on the session cookie;"
                                    + " set it in the container's own cookie settings");
        }
    }

    /**
     * {@code SameSite=Lax} on the session cookie unless the web app chose one. Servlet 6's {@code
     * getAttribute}/{@code setAttribute} are called reflectively: the javax variant (Servlet 4) has
     * neither, and its transformed bytecode may name no member Java EE 8 lacks.
     *
     * @return whether the container has the attributes (the value was set, or one was chosen)
     */
    private static boolean sameSiteLax(SessionCookieConfig cookie) {
        try {
            Method get = SessionCookieConfig.class.getMethod("getAttribute", String.class);
            Method set =
                    SessionCookieConfig.class.getMethod("setAttribute", String.class, String.class);
            if (get.invoke(cookie, "SameSite") == null) {
                set.invoke(cookie, "SameSite", "Lax");
            }
            return true;
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return false;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof UnsupportedOperationException) {
                return false;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void addAdminServlet(ServletContext context) throws ServletException {
        ServletRegistration.Dynamic servlet =
                context.addServlet(ADMIN_SERVLET_NAME, ADMIN_SERVLET_CLASS);
        if (servlet == null) {
            throw new ServletException(
                    "Keyguard: the web app has a servlet named '"
                            + ADMIN_SERVLET_NAME
                            + "' of its own; rename it, or set keyguard.admin-api=false");
        }
        servlet.setLoadOnStartup(2);
        servlet.setAsyncSupported(true);
        Set<String> taken = servlet.addMapping(ADMIN_URL_PATTERN);
        if (!taken.isEmpty()) {
            throw new ServletException(
                    "Keyguard: "
                            + ADMIN_URL_PATTERN
                            + " is mapped to a servlet of the web app's already; remove that"
                            + " mapping, or set keyguard.admin-api=false");
        }
    }

    /**
     * {@link KeyguardConfig#CONTAINER_AUTHENTICATION}: the web app's {@code <error-page>} for 403
     * at {@link ContainerAuthentication#ERROR_PAGE}, which answers a scope the container refused as
     * {@code insufficient_scope}.
     */
    private static void addScopeErrorServlet(ServletContext context) throws ServletException {
        ServletRegistration.Dynamic servlet =
                context.addServlet(
                        ContainerAuthentication.ERROR_SERVLET_NAME, ScopeErrorServlet.class);
        if (servlet == null) {
            throw new ServletException(
                    "Keyguard: the web app has a servlet named '"
                            + ContainerAuthentication.ERROR_SERVLET_NAME
                            + "' of its own; rename it, or switch "
                            + KeyguardConfig.CONTAINER_AUTHENTICATION.name()
                            + " off");
        }
        servlet.setAsyncSupported(true);
        if (!servlet.addMapping(ContainerAuthentication.ERROR_PAGE).isEmpty()) {
            throw new ServletException(
                    "Keyguard: "
                            + ContainerAuthentication.ERROR_PAGE
                            + " is mapped to a servlet of the web app's already");
        }
    }

    /** Context-params, then system properties, then the environment. */
    private static Function<String, String> parameters(ServletContext context) {
        Function<String, String> system = KeyguardConfig.systemSource();
        return name -> {
            String value = context.getInitParameter(name);
            return value == null || value.isBlank() ? system.apply(name) : value;
        };
    }

    private static boolean declares(ServletContext context, String filterClass) {
        return context.getFilterRegistrations().values().stream()
                .anyMatch(r -> filterClass.equals(r.getClassName()));
    }

    private static boolean declaresServlet(ServletContext context, String servletClass) {
        return context.getServletRegistrations().values().stream()
                .anyMatch(r -> servletClass.equals(r.getClassName()));
    }

    private static boolean hasClass(ServletContext context, String name) {
        try {
            ClassLoader loader = context.getClassLoader();
            if (loader == null) { // an embedded container without a web app class loader
                loader = KeyguardInitializer.class.getClassLoader();
            }
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
