package dev.keyguard.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Caller;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.NewKey;
import dev.keyguard.testing.TestDatabase;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Why docs/deploy.md tells Jetty (and WildFly) users to make the proxy replace {@code
 * X-Forwarded-For}: Jetty's {@code ForwardedRequestCustomizer} reports its leftmost address, which
 * is the client's own writing when the proxy appends the peer to the header the client sent
 * (nginx's {@code $proxy_add_x_forwarded_for}). A stolen key limited to the office's block is then
 * used from anywhere. Plays that client against a real Jetty.
 */
class AppendingProxyTest {

    private static final String OFFICE = "192.0.2.0/24";
    private static final String ATTACKER = "198.51.100.9";

    private final HttpClient http = HttpClient.newHttpClient();
    private Keyguard keyguard;
    private Deployment deployment;
    private String officeKey;

    @BeforeEach
    void start() throws Exception {
        keyguard = Keyguard.start(TestDatabase.h2().config().build());
        officeKey =
                keyguard.service()
                        .create(
                                Caller.operator(
                                        new KeyOwner("org", new KeyUser("u", null, null, null))),
                                new NewKey("office", null, null, IpAllowlist.of(OFFICE)))
                        .rawKey();
        deployment = JettyDeployment.start(new ApiKeyFilter(keyguard), Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        deployment.stop();
        keyguard.close();
    }

    @Test
    void behindAProxyThatAppendsTheClientPicksTheAddressJettyChecks() throws Exception {
        // The client wrote "192.0.2.7"; the proxy appended the address it really came from.
        assertThat(statusForwardedFor("192.0.2.7, " + ATTACKER)).isEqualTo(200);
    }

    @Test
    void behindAProxyThatReplacesTheHeaderTheClientIsCheckedAsItsOwnAddress() throws Exception {
        assertThat(statusForwardedFor(ATTACKER)).isEqualTo(403);
    }

    private int statusForwardedFor(String forwardedFor) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(deployment.uri("/api/whoami"))
                                .header("Authorization", "Bearer " + officeKey)
                                .header("X-Forwarded-For", forwardedFor)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
