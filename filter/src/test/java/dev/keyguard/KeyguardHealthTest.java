package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.spi.InMemoryKeyStore;
import dev.keyguard.testing.ProxiedDatabase;
import dev.keyguard.testing.TestDatabase;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Keyguard#health()}: a real round trip to the database, which here goes away (its network
 * cut, or silent) and comes back; the schema version on each database; a store given in code.
 */
class KeyguardHealthTest {

    @ParameterizedTest
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB"})
    void aHealthyNodeSaysItsSchemaVersion(String name) {
        TestDatabase database = TestDatabase.named(name);
        try (Keyguard keyguard = Keyguard.start(database.config().metricsGlobal(false).build())) {
            KeyguardHealth health = keyguard.health();

            assertThat(health.healthy()).as("%s", health).isTrue();
            assertThat(health.databaseReachable()).isTrue();
            assertThat(health.feedCurrent()).isTrue();
            assertThat(health.schemaVersion()).matches("[1-9][0-9]*");
            assertThat(health.reason()).isNull();
        }
    }

    @Test
    void aDatabaseThatGoesAwayMakesTheNodeUnhealthyUntilItComesBack() throws Exception {
        try (ProxiedDatabase database = ProxiedDatabase.start("H2");
                Keyguard keyguard =
                        Keyguard.start(
                                database.config()
                                        .metricsGlobal(false)
                                        .eventsPollInterval(Duration.ofMillis(200))
                                        .build())) {
            assertThat(keyguard.health().healthy()).isTrue();

            database.proxy().blackhole();
            KeyguardHealth silent = keyguard.health();
            assertThat(silent.healthy()).isFalse();
            assertThat(silent.databaseReachable()).isFalse();
            assertThat(silent.reason())
                    .startsWith("the database did not answer")
                    .doesNotContain(database.proxiedUrl())
                    .doesNotContain("jdbc:");

            database.proxy().cut();
            assertThat(eventually(keyguard, false).databaseReachable()).isFalse();

            database.proxy().restore();
            KeyguardHealth back = eventually(keyguard, true);
            assertThat(back.databaseReachable()).isTrue();
            assertThat(back.feedCurrent()).isTrue();
            assertThat(back.schemaVersion()).isNotNull();
        }
    }

    @Test
    void aStoreGivenInCodeIsAskedWhatItCanSay() {
        Keyguard keyguard =
                Keyguard.start(
                        KeyguardConfig.builder()
                                .store(new InMemoryKeyStore())
                                .metricsGlobal(false)
                                .build());
        KeyguardHealth health = keyguard.health();
        assertThat(health.healthy()).isTrue();
        assertThat(health.schemaVersion()).isNull();

        keyguard.close();
        KeyguardHealth closed = keyguard.health();
        assertThat(closed.healthy()).isFalse();
        assertThat(closed.reason()).isEqualTo("Keyguard is closed");
    }

    /**
     * Asks until the answer is {@code healthy} (a pool remakes its connections in its own time).
     */
    private static KeyguardHealth eventually(Keyguard keyguard, boolean healthy)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        KeyguardHealth health = keyguard.health();
        while (health.healthy() != healthy && System.nanoTime() < deadline) {
            Thread.sleep(200);
            health = keyguard.health();
        }
        assertThat(health.healthy()).as("%s", health).isEqualTo(healthy);
        return health;
    }
}
