package dev.keyguard.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Three nodes on one PostgreSQL with the LISTEN/NOTIFY fast path: a change reaches the other nodes
 * within milliseconds (the median must beat a quarter of the poll interval), and losing the
 * listening connection degrades to polling, then recovers.
 */
@DisplayName("Three nodes on PostgreSQL (LISTEN/NOTIFY)")
class PostgresMultiNodeTest extends MultiNodeContract {

    private static final String LISTENING =
            "SELECT COUNT(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND query = 'LISTEN "
                    + PostgresWakeup.CHANNEL
                    + "'";

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Override
    Duration medianBound() {
        return Duration.ofMillis(250);
    }

    @Test
    void withListenOffPollingAloneKeepsTheBound() throws Exception {
        try (Cluster polling =
                Cluster.start(
                        cluster.database,
                        MutableClock.startingNow(),
                        2,
                        b -> b.eventsListen(false))) {
            KeyOwner owner = newOrganisation();
            List<CreatedApiKey> keys =
                    List.of(
                            polling.node(0).keyguard.service().create(owner, "a", null),
                            polling.node(0).keyguard.service().create(owner, "b", null),
                            polling.node(0).keyguard.service().create(owner, "c", null));

            List<Duration> samples =
                    Propagation.measure(
                            polling.node(0),
                            List.of(polling.node(1)),
                            owner.organisationId(),
                            keys,
                            polling.interval(),
                            polling.bound());

            assertThat(Propagation.Stats.of(samples).max()).isLessThan(polling.bound());
        }
    }

    @Test
    void aLostListenConnectionFallsBackToPollingAndIsListenedOnAgain() throws Exception {
        assertThat(listening()).isGreaterThanOrEqualTo(3);
        KeyOwner owner = newOrganisation();
        CreatedApiKey key = keys(owner, 1).get(0);
        for (Node node : cluster.nodes()) {
            assertThat(node.status(key.rawKey())).isEqualTo(200);
        }

        try (Connection c = cluster.database.connect();
                Statement s = c.createStatement()) {
            s.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname ="
                            + " current_database() AND query = 'LISTEN "
                            + PostgresWakeup.CHANNEL
                            + "'");
        }
        cluster.node(0).keyguard.service().revoke(owner.organisationId(), key.key().id());

        awaitStatus(cluster.nodes(), key.rawKey(), 401, cluster.bound());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (listening() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(listening()).as("every node listens again").isGreaterThanOrEqualTo(3);
    }

    private int listening() throws SQLException {
        try (Connection c = cluster.database.connect();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(LISTENING)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
