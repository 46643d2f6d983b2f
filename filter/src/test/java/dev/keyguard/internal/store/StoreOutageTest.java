package dev.keyguard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardException;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.testing.SwitchableDataSource;
import dev.keyguard.testing.TestDatabase;
import dev.keyguard.testing.TestKeys;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Could not check" is an UNAVAILABLE failure, never an empty answer, and it heals by itself. */
class StoreOutageTest {

    private static final KeyOwner OWNER =
            new KeyOwner("acme", new KeyUser("u1", "A", "B", "a@b.c"));
    private HikariDataSource pool;
    private SwitchableDataSource database;
    private Keyguard keyguard;

    @BeforeEach
    void start() {
        TestDatabase h2 = TestDatabase.h2();
        pool = DataSources.pooled(h2.url(), h2.user(), h2.password(), 2);
        database = new SwitchableDataSource(pool);
        keyguard = Keyguard.start(KeyguardConfig.builder().dataSource(database).build());
    }

    @AfterEach
    void stop() {
        keyguard.close();
        pool.close();
    }

    @Test
    void everyOperationFailsAsUnavailableWhileTheDatabaseIsDown() {
        String id = keyguard.service().create(OWNER, "n", null).key().id();
        database.down();

        assertUnavailable(() -> keyguard.service().create(OWNER, "n", null));
        assertUnavailable(() -> keyguard.service().list("acme"));
        assertUnavailable(() -> keyguard.service().revoke("acme", id));
        assertUnavailable(() -> keyguard.verify(TestKeys.unminted()));
        assertUnavailable(
                () ->
                        KeyguardInternals.of(keyguard)
                                .store()
                                .recordLastUsed(Map.of(id, Instant.now())));
    }

    @Test
    void serviceRecoversWhenTheDatabaseComesBackAndNothingWasWrittenMeanwhile() {
        database.down();
        assertUnavailable(() -> keyguard.service().create(OWNER, "lost", null));
        database.up();

        assertThat(keyguard.service().list("acme")).isEmpty();
        keyguard.service().create(OWNER, "after", null);
        assertThat(keyguard.service().list("acme")).hasSize(1);
    }

    @Test
    void theUnavailableMessageSaysNothingAboutTheDatabase() {
        database.down();

        assertThatThrownBy(() -> keyguard.service().list("acme"))
                .hasMessage("The key store is unavailable; try again shortly.");
    }

    private static void assertUnavailable(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        KeyguardException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(KeyguardException.Reason.UNAVAILABLE));
    }
}
