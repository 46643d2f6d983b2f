package dev.keyguard.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The poll interval a node's follower runs at when the host sets none: on a database where nothing
 * wakes it (MariaDB, H2, a store given in code, PostgreSQL with LISTEN off) the poll is the bound
 * for a key revoked on another node, so it is short enough for that bound to stay under 250 ms;
 * with PostgreSQL's LISTEN it is only the safety net and stays at a second. An interval the host
 * gives always wins.
 */
class PollIntervalTest {

    /** The target for a revocation made on another node, p99. */
    private static final Duration TARGET = Duration.ofMillis(250);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "MariaDB", "PostgreSQL"})
    void withoutListenANodePollsOftenEnoughToRefuseARevokedKeyWithin250Ms(String name) {
        Duration interval = intervalOf(TestDatabase.named(name).config().eventsListen(false));

        assertThat(interval).isEqualTo(Duration.ofMillis(100)).isLessThan(TARGET);
    }

    @Test
    void aStoreGivenInCodeIsPolledAsOftenAsADatabaseWithoutListen() {
        assertThat(intervalOf(TestDatabase.inMemoryStore().config()))
                .isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void withPostgresListenThePollIsTheSafetyNetAndStaysAtASecond() {
        assertThat(intervalOf(TestDatabase.postgres().config())).isEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "MariaDB", "PostgreSQL"})
    void anIntervalTheHostGivesWinsOverTheDefault(String name) {
        TestDatabase database = TestDatabase.named(name);
        assertThat(intervalOf(database.config().eventsPollInterval(Duration.ofSeconds(5))))
                .isEqualTo(Duration.ofSeconds(5));
        KeyguardConfig.Builder named =
                KeyguardConfig.from(Map.of(KeyguardConfig.EVENTS_POLL_INTERVAL.name(), "1s")::get)
                        .jdbc(database.url(), database.user(), database.password())
                        .eventsListen(false)
                        .poolSize(2);
        assertThat(intervalOf(named)).isEqualTo(Duration.ofSeconds(1));
    }

    private static Duration intervalOf(KeyguardConfig.Builder config) {
        try (Keyguard keyguard = Keyguard.start(config.build())) {
            return KeyguardInternals.of(keyguard).follower().interval();
        }
    }
}
