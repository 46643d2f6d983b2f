package dev.keyguard.admin.people;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardDashboardServlet;
import dev.keyguard.KeyguardInitializer;
import dev.keyguard.admin.KeyguardAdminServlet;
import dev.keyguard.admin.testing.TestKeyguards;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.authenticator.FormAuthenticator;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.security.Credential;

/**
 * A host app where people manage keys, on a real Jetty 12 (ee10) or embedded Tomcat 11 on a free
 * port of 127.0.0.1, at the root: the Keyguard filter, made by the container from its init-params,
 * on {@code /api/*}; the admin API ({@code KeyguardAdminServlet}); the host's own API at {@code
 * /api/v1/leads}; the host's own login at {@code /login} ({@link HostLoginServlet}, read by {@link
 * SessionPerson}); the dashboard at {@code /keyguard/*}; optionally the container's FORM or BASIC
 * login, with a constraint on {@code /private/*} (role {@code staff}). Or, {@link Options#dropIn},
 * nothing of Keyguard's but what {@code KeyguardInitializer} mounts from the context-params.
 */
public final class PeopleHost implements AutoCloseable {

    /** Which servlet container. */
    public enum Container {
        JETTY,
        TOMCAT
    }

    /** The container's own login, if any. */
    public enum Login {
        NONE,
        FORM,
        BASIC
    }

    /** The role the container's users have, and that {@code /private/*} needs. */
    public static final String ROLE = "staff";

    /** What the host deploys. */
    public static final class Options {
        final Map<String, String> filterParams = new LinkedHashMap<>();
        final Map<String, String> contextParams = new LinkedHashMap<>();
        final Map<String, String> users = new LinkedHashMap<>();
        final Map<String, String> files = new LinkedHashMap<>();
        Login login = Login.NONE;
        boolean dropIn;
        boolean filter = true;

        private Options() {}

        /** Keyguard on a new in-memory database, the test scopes declared; no people. */
        public static Options keyguard() {
            Options options = new Options();
            options.filterParams.put(
                    "keyguard.jdbc.url",
                    "jdbc:h2:mem:kg15_st_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            options.filterParams.put("keyguard.jdbc.user", "sa");
            options.filterParams.put("keyguard.scopes", String.join(",", TestKeyguards.SCOPES));
            options.filterParams.put("keyguard.last-used.flush-interval", "1h");
            return options;
        }

        /** As {@link #keyguard()}, people from the host's own session ({@link SessionPerson}). */
        public static Options sessionPeople() {
            return keyguard().param("keyguard.people.resolver", SessionPerson.class.getName());
        }

        /** A filter init-param ({@code null} removes it); context-params for {@link #dropIn}. */
        public Options param(String name, String value) {
            if (value == null) {
                filterParams.remove(name);
            } else {
                filterParams.put(name, value);
            }
            return this;
        }

        public Options contextParam(String name, String value) {
            contextParams.put(name, value);
            return this;
        }

        /** The container's login of this kind, with these users (login name to password). */
        public Options login(Login kind, Map<String, String> passwords) {
            this.login = kind;
            this.users.putAll(passwords);
            return this;
        }

        /** A file of the web app, e.g. {@code WEB-INF/keyguard-people.properties}. */
        public Options file(String path, String text) {
            files.put(path, text);
            return this;
        }

        /** Nothing declared: the filter's params become context-params for the initializer. */
        public Options dropIn() {
            this.dropIn = true;
            return this;
        }

        /** No Keyguard filter at all (the dashboard alone). */
        public Options withoutFilter() {
            this.filter = false;
            return this;
        }
    }

    private final AutoCloseable stopper;
    private final ServletContext context;
    private final URI base;

    private PeopleHost(AutoCloseable stopper, ServletContext context, URI base) {
        this.stopper = stopper;
        this.context = context;
        this.base = base;
    }

    /**
     * @throws IllegalStateException when the web app did not start (e.g. the filter refused its
     *     configuration), the container's reason as its cause
     */
    public static PeopleHost start(Container container, Options options) {
        try {
            Path dir = Files.createTempDirectory("kg15-st-host");
            for (Map.Entry<String, String> file : options.files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            return container == Container.JETTY ? jetty(dir, options) : tomcat(dir, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI base() {
        return base;
    }

    /** The origin a browser on the host's pages sends: {@code http://127.0.0.1:<port>}. */
    public String origin() {
        String text = base.toString();
        return text.substring(0, text.length() - 1);
    }

    public ServletContext servletContext() {
        return context;
    }

    /** The Keyguard the filter started and published. */
    public Keyguard keyguard() {
        return (Keyguard) context.getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
    }

    @Override
    public void close() {
        try {
            stopper.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PeopleHost jetty(Path dir, Options options) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context =
                new ServletContextHandler(
                        "/", ServletContextHandler.SESSIONS | ServletContextHandler.SECURITY);
        context.setBaseResourceAsPath(dir);
        if (options.dropIn) {
            options.filterParams.forEach(context::setInitParameter);
            context.addServletContainerInitializer(new KeyguardInitializer());
        } else {
            if (options.filter) {
                FilterHolder filter = new FilterHolder(ApiKeyFilter.class);
                filter.setName("keyguard");
                filter.setInitParameters(options.filterParams);
                context.addFilter(filter, "/api/*", EnumSet.of(DispatcherType.REQUEST));
            }
            ServletHolder admin = new ServletHolder("keyguard-admin", KeyguardAdminServlet.class);
            admin.setInitOrder(2);
            context.addServlet(admin, KeyguardAdminServlet.URL_PATTERN);
            context.addServlet(
                    new ServletHolder("keyguard-dashboard", KeyguardDashboardServlet.class),
                    "/keyguard/*");
        }
        options.contextParams.forEach(context::setInitParameter);
        ServletHolder pages = new ServletHolder("pages", HostPagesServlet.class);
        for (String path : new String[] {"/api/v1/leads", "/login.html", "/login-error.html"}) {
            context.addServlet(pages, path);
        }
        context.addServlet(pages, "/private/*");
        ServletHolder login = new ServletHolder("login", HostLoginServlet.class);
        context.addServlet(login, "/login");
        context.addServlet(login, "/logout");
        if (options.login != Login.NONE) {
            UserStore users = new UserStore();
            options.users.forEach(
                    (name, password) ->
                            users.addUser(name, Credential.getCredential(password), ROLES));
            HashLoginService service = new HashLoginService("people");
            service.setUserStore(users);
            ConstraintSecurityHandler security =
                    (ConstraintSecurityHandler) context.getSecurityHandler();
            security.setLoginService(service);
            security.setAuthenticator(
                    options.login == Login.FORM
                            ? new org.eclipse.jetty.security.authentication.FormAuthenticator(
                                    "/login.html", "/login-error.html", false)
                            : new org.eclipse.jetty.security.authentication.BasicAuthenticator());
            ConstraintMapping mapping = new ConstraintMapping();
            mapping.setPathSpec("/private/*");
            mapping.setConstraint(Constraint.from(ROLE));
            security.addConstraintMapping(mapping);
            server.addBean(service);
        }
        // Stopping waits for requests in flight: one still completing (and releasing its session)
        // when the server stops made Jetty log "Unable to release Session <id>", a session id in
        // the log the contract's hygiene check reads.
        server.setHandler(new GracefulHandler(context));
        server.setStopTimeout(10_000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server::stop);
            throw new IllegalStateException("Jetty did not start the web app: " + e, e);
        }
        if (!context.isAvailable()) {
            stopQuietly(server::stop);
            throw new IllegalStateException("Jetty did not start the web app");
        }
        return new PeopleHost(
                server::stop,
                context.getServletContext(),
                URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
    }

    private static final String[] ROLES = {ROLE};

    private static PeopleHost tomcat(Path dir, Options options) {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        options.users.forEach(
                (name, password) -> {
                    tomcat.addUser(name, password);
                    tomcat.addRole(name, ROLE);
                });
        Context context = tomcat.addContext("", dir.toString());
        if (options.dropIn) {
            options.filterParams.forEach(context::addParameter);
            context.addServletContainerInitializer(new KeyguardInitializer(), null);
        } else {
            if (options.filter) {
                FilterDef def = new FilterDef();
                def.setFilterName("keyguard");
                def.setFilterClass(ApiKeyFilter.class.getName());
                options.filterParams.forEach(def::addInitParameter);
                context.addFilterDef(def);
                FilterMap map = new FilterMap();
                map.setFilterName("keyguard");
                map.addURLPattern("/api/*");
                context.addFilterMap(map);
            }
            Tomcat.addServlet(context, "keyguard-admin", KeyguardAdminServlet.class.getName())
                    .setLoadOnStartup(2);
            context.addServletMapping(KeyguardAdminServlet.URL_PATTERN, "keyguard-admin");
            Tomcat.addServlet(
                    context, "keyguard-dashboard", KeyguardDashboardServlet.class.getName());
            context.addServletMapping("/keyguard/*", "keyguard-dashboard");
        }
        options.contextParams.forEach(context::addParameter);
        Tomcat.addServlet(context, "pages", HostPagesServlet.class.getName());
        for (String path : new String[] {"/api/v1/leads", "/login.html", "/login-error.html"}) {
            context.addServletMapping(path, "pages");
        }
        context.addServletMapping("/private/*", "pages");
        Tomcat.addServlet(context, "login", HostLoginServlet.class.getName());
        context.addServletMapping("/login", "login");
        context.addServletMapping("/logout", "login");
        if (options.login != Login.NONE) {
            LoginConfig login = new LoginConfig();
            login.setAuthMethod(options.login.name());
            login.setRealmName("people");
            if (options.login == Login.FORM) {
                login.setLoginPage("/login.html");
                login.setErrorPage("/login-error.html");
                context.getPipeline().addValve(new FormAuthenticator());
            } else {
                context.getPipeline().addValve(new BasicAuthenticator());
            }
            context.setLoginConfig(login);
            SecurityCollection paths = new SecurityCollection();
            paths.addPattern("/private/*");
            SecurityConstraint constraint = new SecurityConstraint();
            constraint.addAuthRole(ROLE);
            constraint.addCollection(paths);
            context.addConstraint(constraint);
            context.addSecurityRole(ROLE);
        }
        try {
            tomcat.start();
        } catch (Exception e) {
            stopQuietly(tomcat::destroy);
            throw new IllegalStateException("Tomcat did not start: " + e, e);
        }
        if (context.getState() != LifecycleState.STARTED) {
            stopQuietly(
                    () -> {
                        tomcat.stop();
                        tomcat.destroy();
                    });
            throw new IllegalStateException("Tomcat did not start the web app");
        }
        return new PeopleHost(
                () -> {
                    tomcat.stop();
                    tomcat.destroy();
                },
                context.getServletContext(),
                URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/"));
    }

    private static void stopQuietly(AutoCloseable stop) {
        try {
            stop.close();
        } catch (Exception ignored) {
            // the start's failure is what the caller needs
        }
    }
}
