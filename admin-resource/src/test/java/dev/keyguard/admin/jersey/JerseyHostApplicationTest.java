package dev.keyguard.admin.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keyguard.Keyguard;
import dev.keyguard.admin.KeyguardAdminFeature;
import dev.keyguard.admin.testing.AdminServer;
import dev.keyguard.admin.testing.Api;
import dev.keyguard.admin.testing.Reply;
import dev.keyguard.admin.testing.TestKeyguards;
import dev.keyguard.testing.MutableClock;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import java.time.Instant;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Admin API inside a host's own Jersey application that has its own Jackson provider,
 * configured differently (indented, snake_case), and its own resources: the Admin API's bytes do
 * not change, and the host's resources keep their own behaviour, errors included.
 */
class JerseyHostApplicationTest {

    private static final MutableClock CLOCK =
            new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    private static Keyguard keyguard;
    private static AdminServer server;
    private static Api api;
    private static String key;

    @BeforeAll
    static void start() {
        keyguard = TestKeyguards.start(CLOCK);
        ResourceConfig host =
                new ResourceConfig()
                        .register(JacksonFeature.class)
                        .register(HostMapper.class)
                        .register(HostResource.class)
                        .register(new KeyguardAdminFeature());
        server = AdminServer.start(keyguard, new ServletHolder(new ServletContainer(host)));
        api = new Api(server.base());
        key = TestKeyguards.firstKey(keyguard, "org-host").rawKey();
    }

    @AfterAll
    static void stop() {
        server.close();
        keyguard.close();
    }

    @Test
    void theHostsJsonProviderDoesNotChangeTheAdminApisBytes() {
        Reply hosts = api.get("host/json", key);
        assertThat(hosts.text()).contains("\n").contains("\"created_by\"");

        Reply admin = api.get("api/v1/api-keys", key);

        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.text())
                .startsWith("{\"success\":true,\"data\":[{\"id\":\"key_")
                .contains("\"keyPrefix\":\"ll_")
                .doesNotContain("\n")
                .doesNotContain("key_prefix");
    }

    @Test
    void theHostsOwnErrorsAreLeftAlone() {
        Reply missing = api.get("host/missing", key);
        Reply boom = api.get("host/boom", key);
        Reply unknown = api.get("no/such/path", key);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).isEqualTo("host says no");
        assertThat(boom.status()).isEqualTo(500);
        assertThat(boom.text()).doesNotContain("success");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).doesNotContain("success");
        assertThat(api.get("api/v1/api-keys/x/y", key).text()).contains("\"not_found\"");
    }

    /** The host's JSON settings: indented, snake_case. */
    public static class HostMapper implements ContextResolver<ObjectMapper> {
        private final ObjectMapper mapper =
                new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

        @Override
        public ObjectMapper getContext(Class<?> type) {
            return mapper;
        }
    }

    public record HostView(String createdBy) {}

    /** A resource of the host application. */
    @Path("host")
    public static class HostResource {

        @GET
        @Path("json")
        @Produces(MediaType.APPLICATION_JSON)
        public HostView json() {
            return new HostView("host");
        }

        @GET
        @Path("missing")
        public String missing() {
            throw new NotFoundException(
                    jakarta.ws.rs.core.Response.status(404)
                            .entity("host says no")
                            .type(MediaType.TEXT_PLAIN)
                            .build());
        }

        @GET
        @Path("boom")
        public String boom() {
            throw new IllegalStateException("host bug");
        }
    }
}
