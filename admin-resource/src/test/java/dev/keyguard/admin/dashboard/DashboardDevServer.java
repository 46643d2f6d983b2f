package dev.keyguard.admin.dashboard;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Caller;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.IpAllowlist;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardDashboardServlet;
import dev.keyguard.NewKey;
import dev.keyguard.Rotation;
import dev.keyguard.Scopes;
import dev.keyguard.admin.KeyguardAdminServlet;
import dev.keyguard.spi.InMemoryKeyStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The dashboard on a real Jetty 12 (ee10), to look at and to test: the Keyguard filter on {@code
 * /api/*} over an in-memory store, the admin API ({@code KeyguardAdminServlet}, on Jersey when
 * present), the dashboard at {@code /keyguard/}, and a host login of two people ({@link DevPeople}:
 * {@code /login?user=alice} or {@code bob}). {@code /dev/outage?down=true} makes the store fail
 * (503).
 *
 * <p>{@code main [port] [--seed]}: on 127.0.0.1, port 8080 by default; {@code --seed} gives alice a
 * few keys and a trail. Open {@code http://127.0.0.1:8080/login?user=alice}.
 */
public final class DashboardDevServer implements AutoCloseable {

    /** The scopes the harness's app declares, besides {@code keys:manage}. */
    static final List<String> SCOPES = List.of("leads:read", "leads:write");

    private final Server server;
    private final Keyguard keyguard;
    private final DevOutage outage;
    private final URI base;

    private DashboardDevServer(Server server, Keyguard keyguard, DevOutage outage, URI base) {
        this.server = server;
        this.keyguard = keyguard;
        this.outage = outage;
        this.base = base;
    }

    /**
     * @param port 0 for a free one
     */
    public static DashboardDevServer start(int port) throws Exception {
        DevOutage outage = new DevOutage();
        Keyguard keyguard =
                Keyguard.start(
                        // The builder has no setter for the login URL: read it as a parameter.
                        KeyguardConfig.from(
                                        Map.of(
                                                        KeyguardConfig.DASHBOARD_LOGIN_URL.name(),
                                                        "/login?next={return}")
                                                ::get)
                                .store(outage.wrap(new InMemoryKeyStore()))
                                .people(DevPeople.resolver())
                                .scopes(SCOPES)
                                .lastUsedFlushInterval(Duration.ofSeconds(1))
                                .build());
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.getSessionHandler().getSessionCookieConfig().setHttpOnly(true);
        context.addFilter(
                new FilterHolder(new ApiKeyFilter(keyguard)),
                "/api/*",
                EnumSet.of(DispatcherType.REQUEST));
        ServletHolder admin = new ServletHolder("keyguard-admin", KeyguardAdminServlet.class);
        admin.setInitParameter(KeyguardAdminServlet.RUNTIME_PARAMETER, runtime());
        admin.setInitOrder(1);
        context.addServlet(admin, KeyguardAdminServlet.URL_PATTERN);
        context.addServlet(new ServletHolder(new KeyguardDashboardServlet()), "/keyguard/*");
        context.addServlet(new ServletHolder(new DevPeople.Login()), "/login");
        context.addServlet(new ServletHolder(new DevPeople.Logout()), "/logout");
        context.addServlet(new ServletHolder(new Outage(outage)), "/dev/outage");
        context.addServlet(new ServletHolder(new DevPeople.Home()), "/");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            keyguard.close();
            throw e;
        }
        return new DashboardDevServer(
                server,
                keyguard,
                outage,
                URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
    }

    /** Jersey when the class path has it (both runtimes are on this module's test class path). */
    private static String runtime() {
        try {
            Class.forName("org.glassfish.jersey.servlet.ServletContainer");
            return "jersey";
        } catch (ClassNotFoundException e) {
            return "resteasy";
        }
    }

    public URI base() {
        return base;
    }

    public Keyguard keyguard() {
        return keyguard;
    }

    /** Makes the store fail (every admin API call a 503) or work again. */
    public void storeDown(boolean down) {
        outage.set(down);
    }

    /**
     * Gives alice's organisation a few keys (one restricted and expiring soon, one with a name that
     * looks like HTML, one used, one rotated, one revoked), so the page has something to show.
     */
    public void seed() throws IOException, InterruptedException {
        Caller alice = Caller.person(DevPeople.ALICE);
        Caller bob = Caller.person(DevPeople.BOB);
        var service = keyguard.service();
        CreatedApiKey deploy = service.create(alice, NewKey.named("CI deploy", null));
        service.create(
                alice,
                new NewKey(
                        "Lead importer",
                        Instant.now().plus(Duration.ofDays(3)).toString(),
                        Scopes.of("leads:write"),
                        IpAllowlist.of(List.of("192.0.2.0/24", "2001:db8::/32"))));
        service.create(alice, NewKey.named("<img src=x onerror=alert(1)>", null));
        CreatedApiKey old = service.create(alice, NewKey.named("Old reporting job", null));
        service.rotate(alice, old.key().id(), Rotation.withGrace(Duration.ofHours(1)));
        CreatedApiKey gone = service.create(alice, NewKey.named("Temporary test", null));
        service.revoke(alice, gone.key().id());
        service.create(bob, NewKey.named("Globex only", null));
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(base.resolve("api/v1/api-keys"))
                                .header("Authorization", "Bearer " + deploy.rawKey())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        } finally {
            keyguard.close();
        }
    }

    /** {@code /dev/outage?down=true|false}. */
    private static final class Outage extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient DevOutage outage;

        Outage(DevOutage outage) {
            this.outage = outage;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            boolean down = Boolean.parseBoolean(request.getParameter("down"));
            outage.set(down);
            DevPeople.html(response, "<p>The store is " + (down ? "down" : "up") + ".</p>");
        }
    }

    public static void main(String[] args) throws Exception {
        int port = 8080;
        boolean seed = false;
        for (String arg : args) {
            if (arg.equals("--seed")) {
                seed = true;
            } else {
                port = Integer.parseInt(arg);
            }
        }
        DashboardDevServer server = start(port);
        if (seed) {
            server.seed();
        }
        System.out.println("Dashboard: " + server.base() + "login?user=alice");
        server.server.join();
    }
}
