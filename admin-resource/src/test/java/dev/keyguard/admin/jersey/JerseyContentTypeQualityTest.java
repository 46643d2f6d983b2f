package dev.keyguard.admin.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Keyguard;
import dev.keyguard.admin.KeyguardAdminFeature;
import dev.keyguard.admin.testing.AdminServer;
import dev.keyguard.admin.testing.Api;
import dev.keyguard.admin.testing.Reply;
import dev.keyguard.admin.testing.TestKeyguards;
import dev.keyguard.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Found by the reliability suite: a Content-Type with a quality that is not a number made Jersey
 * fail while selecting the method, past every exception mapper, with its bare 500.
 */
class JerseyContentTypeQualityTest {

    private static final MutableClock CLOCK =
            new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    private static Keyguard keyguard;
    private static AdminServer server;
    private static Api api;
    private static String key;

    @BeforeAll
    static void start() {
        keyguard = TestKeyguards.start(CLOCK);
        server =
                AdminServer.start(
                        keyguard,
                        new ServletHolder(
                                new ServletContainer(
                                        new ResourceConfig()
                                                .register(new KeyguardAdminFeature()))));
        api = new Api(server.base());
        key = TestKeyguards.firstKey(keyguard, "org-quality").rawKey();
    }

    @AfterAll
    static void stop() {
        server.close();
        keyguard.close();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "GET|api/v1/api-keys|*/*;q=abc",
                "POST|api/v1/api-keys|application/json;q=abc",
                "POST|api/v1/api-keys/key_doesNotExist0000000/rotate|application/json; Q=1.5",
                "DELETE|api/v1/api-keys/key_doesNotExist0000000|text/plain;q=x"
            })
    void aMalformedQualityInTheContentTypeIsABadRequest(
            String method, String path, String contentType) {
        Reply reply =
                api.send(
                        method,
                        path,
                        key,
                        contentType,
                        method.equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : null,
                        Map.of());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo("bad_request");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"application/json;q=0.5", "application/json; q=\"1\""})
    void aWellFormedQualityIsIgnored(String contentType) {
        Reply reply =
                api.send(
                        "POST",
                        "api/v1/api-keys",
                        key,
                        contentType,
                        "{\"name\":\"q\"}".getBytes(StandardCharsets.UTF_8),
                        Map.of());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        api.delete("api/v1/api-keys/" + reply.json().get("data").get("id").asText(), key);
    }
}
