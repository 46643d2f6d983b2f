package dev.keyguard.admin.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Keyguard;
import dev.keyguard.admin.KeyguardAdminServlet;
import dev.keyguard.admin.testing.Api;
import dev.keyguard.admin.testing.Reply;
import dev.keyguard.admin.testing.TestKeyguards;
import dev.keyguard.testing.MutableClock;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: mapped to {@code /*}, the Admin API took every path of the host: its static files, its
 * other servlets, its JAX-RS application answered {@code 404 "No such API key."}. Here a host web
 * app on a real Jetty has all of those, the Keyguard filter on {@code /api/*} and {@link
 * KeyguardAdminServlet} at {@link KeyguardAdminServlet#URL_PATTERN}: each keeps its own path and
 * its own answers. A subclass gives the host's JAX-RS application on one runtime, at {@code
 * /rest/*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HostPagesContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    private Keyguard keyguard;
    private Server server;
    private Api api;
    private String key;

    /** The host's own JAX-RS application ({@link HostApplication}), mapped to {@code /rest/*}. */
    protected abstract ServletHolder hostJaxRs();

    /** Sets context-params of the host's, as its runtime may need them. */
    protected void configureHost(ServletContextHandler context) {}

    @BeforeAll
    void start(@TempDir java.nio.file.Path site) throws Exception {
        Files.writeString(site.resolve("index.html"), "<h1>the host's home page</h1>");
        Files.writeString(site.resolve("style.css"), "body { color: teal }");
        keyguard = TestKeyguards.start(clock);
        key = TestKeyguards.firstKey(keyguard, "org-host-pages").rawKey();

        server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setBaseResourceAsPath(site);
        context.setWelcomeFiles(new String[] {"index.html"});
        configureHost(context);
        context.addServlet(DefaultServlet.class, "/");
        context.addServlet(new ServletHolder(new HelloServlet()), "/hello");
        context.addServlet(hostJaxRs(), "/rest/*");
        context.addFilter(
                new FilterHolder(new ApiKeyFilter(keyguard)),
                "/api/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(KeyguardAdminServlet.class, KeyguardAdminServlet.URL_PATTERN);
        server.setHandler(context);
        server.start();
        api = new Api(java.net.URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
        keyguard.close();
    }

    @Test
    void theHostsStaticFilesAreServed() {
        assertThat(api.get("index.html", null).text()).isEqualTo("<h1>the host's home page</h1>");
        assertThat(api.get("", null).text()).isEqualTo("<h1>the host's home page</h1>");
        Reply css = api.get("style.css", null);
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
    }

    @Test
    void theHostsServletsAndJaxRsApplicationKeepTheirPaths() {
        assertThat(api.get("hello", null).text()).isEqualTo("hello from the host");
        assertThat(api.get("rest/ping", null).text()).isEqualTo("pong");
    }

    @Test
    void theHostsErrorsStayTheHostsAndTheContainers() {
        Reply hostJaxRs = api.get("rest/missing", null);
        assertThat(hostJaxRs.status()).isEqualTo(404);
        assertThat(hostJaxRs.text()).isEqualTo("the host says no");
        for (String path : java.util.List.of("no/such/page", "api/v1/other", "api/v1/api-keysx")) {
            Reply nothing = api.get(path, key);
            assertThat(nothing.status()).as(path).isEqualTo(404);
            assertThat(nothing.text()).as(path).doesNotContain("No such API key");
        }
    }

    @Test
    void theAdminApiIsAtItsPathAndGuarded() {
        Reply anonymous = api.get("api/v1/api-keys", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("error").get("code").asText()).isEqualTo("unauthorized");

        Reply list = api.get("api/v1/api-keys", key);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("data")).hasSize(1);

        Reply created = api.post("api/v1/api-keys", key, "{\"name\":\"second\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("data").get("id").asText();
        assertThat(api.delete("api/v1/api-keys/" + id, key).status()).isEqualTo(200);
        Reply unknown = api.get("api/v1/api-keys/" + id + "/nothing", key);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("not_found");
    }

    /** A servlet of the host's. */
    static final class HelloServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("hello from the host");
        }
    }

    /** The host's own JAX-RS application. */
    public static class HostApplication extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(HostResource.class);
        }
    }

    /** A resource of the host's. */
    @Path("")
    public static class HostResource {

        @GET
        @Path("ping")
        public String ping() {
            return "pong";
        }

        @GET
        @Path("missing")
        public String missing() {
            throw new NotFoundException(
                    Response.status(404)
                            .entity("the host says no")
                            .type(MediaType.TEXT_PLAIN)
                            .build());
        }
    }
}
