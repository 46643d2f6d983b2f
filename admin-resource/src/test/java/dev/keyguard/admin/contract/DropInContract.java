package dev.keyguard.admin.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardInitializer;
import dev.keyguard.admin.testing.Api;
import dev.keyguard.admin.testing.Reply;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, the drop-in with the Admin API: a web app on a real Jetty with no Keyguard entry of its
 * own, only context-params; the initializer registers the filter and {@code KeyguardAdminServlet},
 * which runs on the JAX-RS runtime of the class path (one per subclass's JVM). With {@code
 * keyguard.admin-api=false} the path stays the host's.
 */
public abstract class DropInContract {

    @TempDir Path data;
    private Server server;
    private ServletContextHandler context;
    private Api api;

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void theInitializerMountsTheAdminApiGuarded() throws Exception {
        start(Map.of("keyguard.url-patterns", "/legacy/*"));

        Reply anonymous = api.get("api/v1/api-keys", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("error").get("code").asText()).isEqualTo("unauthorized");

        String key = mint();
        Reply list = api.get("api/v1/api-keys", key);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("data")).hasSize(1);
        assertThat(api.post("api/v1/api-keys", key, "{\"name\":\"second\"}").status())
                .isEqualTo(201);
        assertThat(api.get("legacy/report", null).status()).isEqualTo(401);
    }

    @Test
    void withTheAdminApiOffThePathStaysTheHosts() throws Exception {
        start(Map.of("keyguard.url-patterns", "/legacy/*", "keyguard.admin-api", "false"));

        assertThat(api.get("api/v1/api-keys", null).status()).isEqualTo(404);
        assertThat(context.getServletContext().getServletRegistration("keyguard-admin")).isNull();
        assertThat(api.get("legacy/report", null).status()).isEqualTo(401);
    }

    private void start(Map<String, String> params) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        context = new ServletContextHandler();
        context.setContextPath("/");
        context.setInitParameter("keyguard.data-dir", data.resolve("keyguard").toString());
        params.forEach(context::setInitParameter);
        context.addServletContainerInitializer(new KeyguardInitializer());
        server.setHandler(context);
        server.start();
        api = new Api(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
    }

    private String mint() {
        Keyguard keyguard =
                (Keyguard) context.getServletContext().getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
        return keyguard.service()
                .create(
                        new KeyOwner(
                                "acme", new KeyUser("u-1", "Ada", "Lovelace", "ada@acme.test")),
                        "first",
                        null)
                .rawKey();
    }
}
