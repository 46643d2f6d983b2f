package dev.keyguard.admin.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Keyguard;
import dev.keyguard.admin.KeyguardAdminApplication;
import dev.keyguard.admin.KeyguardAdminFeature;
import dev.keyguard.admin.testing.AdminServer;
import dev.keyguard.admin.testing.Api;
import dev.keyguard.admin.testing.TestKeyguards;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jersey (which logs through java.util.logging) says nothing at WARNING or above while it starts
 * the Admin API and serves its first request, registered either way a host does. It used to warn on
 * every start of {@link KeyguardAdminApplication} that the resource "does not implement any
 * provider interfaces applicable in the SERVER runtime".
 */
class JerseyStartLogTest {

    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture =
            new Handler() {
                @Override
                public void publish(LogRecord record) {
                    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                        warnings.add(record);
                    }
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
    private Keyguard keyguard;

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
        keyguard = TestKeyguards.start(Clock.systemUTC());
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
        keyguard.close();
    }

    @Test
    void keyguardAdminApplicationAsTheServletsApplication() {
        ServletHolder jersey = new ServletHolder(ServletContainer.class);
        jersey.setInitParameter(
                "jakarta.ws.rs.Application", KeyguardAdminApplication.class.getName());

        assertStartsAndServesWithoutWarnings(jersey);
    }

    @Test
    void keyguardAdminFeatureInAHostsResourceConfig() {
        assertStartsAndServesWithoutWarnings(
                new ServletHolder(
                        new ServletContainer(
                                new ResourceConfig().register(new KeyguardAdminFeature()))));
    }

    private void assertStartsAndServesWithoutWarnings(ServletHolder jersey) {
        String key = TestKeyguards.firstKey(keyguard, "org-start").rawKey();
        try (AdminServer server = AdminServer.start(keyguard, jersey)) {
            assertThat(new Api(server.base()).get("api/v1/api-keys", key).status()).isEqualTo(200);
        }

        assertThat(warnings)
                .extracting(record -> record.getLoggerName() + ": " + record.getMessage())
                .isEmpty();
    }
}
