package dev.keyguard.admin.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Keyguard;
import dev.keyguard.admin.KeyguardAdminApplication;
import dev.keyguard.admin.KeyguardAdminFeature;
import dev.keyguard.admin.testing.AdminServer;
import dev.keyguard.admin.testing.Api;
import dev.keyguard.admin.testing.Reply;
import dev.keyguard.admin.testing.TestKeyguards;
import java.time.Clock;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, finding 6, on Jersey: Keyguard switches WADL off by Jersey's own property, and leaves a
 * host's explicit choice alone. (The contract checks {@code /application.wadl} on every runtime.)
 */
class JerseyWadlTest {

    private Keyguard keyguard;
    private String key;

    @BeforeEach
    void start() {
        keyguard = TestKeyguards.start(Clock.systemUTC());
        key = TestKeyguards.firstKey(keyguard, "org-wadl").rawKey();
    }

    @AfterEach
    void stop() {
        keyguard.close();
    }

    @Test
    void theApplicationSetsJerseysOwnProperty() {
        assertThat(new KeyguardAdminApplication().getProperties())
                .containsEntry(ServerProperties.WADL_FEATURE_DISABLE, true);
    }

    @Test
    void theFeatureSwitchesWadlOffInTheHostsApplication() {
        ResourceConfig host = new ResourceConfig().register(new KeyguardAdminFeature());

        assertThat(wadl(host).status()).isEqualTo(404);
    }

    @Test
    void aHostThatSwitchedWadlOnItselfKeepsIt() {
        ResourceConfig host =
                new ResourceConfig()
                        .property(ServerProperties.WADL_FEATURE_DISABLE, false)
                        .register(new KeyguardAdminFeature());

        Reply reply = wadl(host);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/vnd.sun.wadl+xml");
    }

    private Reply wadl(ResourceConfig host) {
        try (AdminServer server =
                AdminServer.start(keyguard, new ServletHolder(new ServletContainer(host)))) {
            return new Api(server.base()).get("application.wadl", key);
        }
    }
}
