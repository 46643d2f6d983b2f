package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.spi.InMemoryKeyStore;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The code sample of docs/api.md ("In code"), as written there, in a real Jetty: keep the two in
 * step. The host's servlet context registers the filter while it starts, as a host's
 * ServletContainerInitializer or listener would.
 */
class ApiPageSampleTest {

    private final AtomicReference<Keyguard> started = new AtomicReference<>();
    private final AtomicReference<String> minted = new AtomicReference<>();

    /** The sample, with its free names (hostDataSource, servletContext) as parameters. */
    private void sample(DataSource hostDataSource, ServletContext servletContext) {
        KeyguardConfig config =
                KeyguardConfig.builder()
                        .dataSource(hostDataSource) // or .jndiName(...), .jdbc(url, user, password)
                        .excludedPaths(List.of("/health"))
                        .build();
        Keyguard keyguard = Keyguard.start(config); // once; close() it on shutdown

        servletContext
                .addFilter("keyguard", new ApiKeyFilter(keyguard))
                .addMappingForUrlPatterns(null, false, "/api/*");

        CreatedApiKey created =
                keyguard.service()
                        .create(
                                new KeyOwner(
                                        "acme",
                                        new KeyUser("u-42", "Alice", "Smith", "alice@example.com")),
                                "Nightly export",
                                null); // expiresAt: null for never, or e.g. "2027-01-01"
        String shownOnce = created.rawKey(); // hand it to the customer; it is not stored

        started.set(keyguard);
        minted.set(shownOnce);
    }

    /** The sample's servlet behind the filter. */
    static final class OrganisationServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            KeyguardPrincipal caller = (KeyguardPrincipal) request.getUserPrincipal();
            String organisation = caller.organisationId();
            response.getWriter().print(organisation);
        }
    }

    @Test
    void theSampleGuardsTheHostsServletsAndItsKeyOpensThem() throws Exception {
        JdbcDataSource hostDataSource = new JdbcDataSource();
        hostDataSource.setURL("jdbc:h2:mem:sample-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        hostDataSource.setUser("sa");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new OrganisationServlet()), "/api/organisation");
        context.addServletContainerInitializer(
                (classes, servletContext) -> sample(hostDataSource, servletContext));
        server.setHandler(context);
        server.start();
        try {
            URI uri =
                    URI.create(
                            "http://127.0.0.1:" + connector.getLocalPort() + "/api/organisation");
            HttpClient client = HttpClient.newHttpClient();

            HttpResponse<String> without =
                    client.send(
                            HttpRequest.newBuilder(uri).build(),
                            HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> with =
                    client.send(
                            HttpRequest.newBuilder(uri)
                                    .header("Authorization", "Bearer " + minted.get())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(with.statusCode()).isEqualTo(200);
            assertThat(with.body()).isEqualTo("acme");
        } finally {
            server.stop();
            started.get().close();
        }
    }

    @Test
    void theTestVariantNeedsNoDatabase() {
        try (Keyguard keyguard =
                Keyguard.start(KeyguardConfig.builder().store(new InMemoryKeyStore()).build())) {
            assertThat(keyguard.dataSource()).isEmpty();
        }
    }
}
