package dev.keyguard.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Caller;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.NewKey;
import dev.keyguard.Scopes;
import dev.keyguard.testing.TestDatabase;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host that takes its writer or stream before it refuses with {@code setStatus(403)} after {@code
 * isUserInRole} said no to a declared scope: the answer is still the contract's 403 {@code
 * insufficient_scope}, not a 500, and the host's own bytes are not glued to it.
 */
class ScopeRefusalAfterOutputTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private Keyguard keyguard;
    private Server server;
    private URI base;
    private String reader;

    @BeforeEach
    void start() throws Exception {
        keyguard =
                Keyguard.start(
                        TestDatabase.h2()
                                .config()
                                .scopes(List.of("leads:read", "leads:write"))
                                .build());
        reader =
                keyguard.service()
                        .create(
                                Caller.operator(
                                        new KeyOwner("org", new KeyUser("u", null, null, null))),
                                new NewKey("reader", null, Scopes.of("leads:read"), null))
                        .rawKey();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(
                new FilterHolder(new ApiKeyFilter(keyguard)),
                "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new WriterFirst()), "/writer");
        context.addServlet(new ServletHolder(new StreamFirst()), "/stream");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        keyguard.close();
    }

    @Test
    void aHostThatTookItsWriterFirstStillAnswersInsufficientScope() throws Exception {
        HttpResponse<String> response = get("/writer");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"insufficient_scope\"").doesNotContain("not yours");
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("scope=\"leads:write\"");
    }

    @Test
    void aHostThatTookItsStreamFirstAddsNothingToTheAnswer() throws Exception {
        HttpResponse<String> response = get("/stream");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body())
                .startsWith("{\"success\":false,\"error\":{\"code\":\"insufficient_scope\"")
                .endsWith("}}");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "Bearer " + reader)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Takes its writer, then refuses a key without leads:write. */
    static final class WriterFirst extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            PrintWriter out = response.getWriter();
            if (!request.isUserInRole("leads:write")) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                out.print("not yours");
                return;
            }
            out.print("yours");
        }
    }

    /** Takes its stream, then refuses a key without leads:write. */
    static final class StreamFirst extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            OutputStream out = response.getOutputStream();
            if (!request.isUserInRole("leads:write")) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                out.write("not yours".getBytes(StandardCharsets.UTF_8));
                return;
            }
            out.write("yours".getBytes(StandardCharsets.UTF_8));
        }
    }
}
