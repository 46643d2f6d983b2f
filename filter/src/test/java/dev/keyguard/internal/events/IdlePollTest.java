package dev.keyguard.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.testing.TestDatabase;
import java.time.Duration;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * A node reads the key-event log ten times a second where nothing wakes it, and almost every read
 * finds nothing: such a read must cost one index probe, not a Hibernate query in a transaction. A
 * read that has news still applies it. On a fresh H2 (no other writer, so no skipped ids); the same
 * reads run on PostgreSQL and MariaDB in every multi-node test. The follower's thread waits an hour
 * here, so only the test's own {@code catchUp} calls read.
 */
class IdlePollTest {

    @Test
    void aReadThatFindsNothingNewRunsNoQueryAndNoTransactionAndNewsIsStillApplied() {
        try (Keyguard keyguard =
                KeyguardInternals.startWithStatistics(
                        TestDatabase.h2()
                                .config()
                                .eventsPollInterval(Duration.ofHours(1))
                                .build())) {
            KeyEventFollower follower = KeyguardInternals.of(keyguard).follower();
            KeyOwner owner = MultiNodeContract.newOrganisation();
            CreatedApiKey key = keyguard.service().create(owner, "k", null);
            follower.catchUp();
            long applied = follower.eventsApplied();
            Statistics statistics = KeyguardInternals.statistics(keyguard);
            statistics.clear();

            for (int i = 0; i < 10; i++) {
                follower.catchUp();
            }

            assertThat(statistics.getQueryExecutionCount()).as("queries").isZero();
            assertThat(statistics.getTransactionCount()).as("transactions").isZero();
            assertThat(follower.eventsApplied()).isEqualTo(applied);

            keyguard.service().revoke(owner.organisationId(), key.key().id());
            follower.catchUp();

            assertThat(follower.eventsApplied()).as("the revocation, read").isEqualTo(applied + 1);
        }
    }
}
