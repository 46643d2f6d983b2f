package dev.keyguard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Actor;
import dev.keyguard.AuditTrailContract;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyEvent;
import dev.keyguard.KeyEvent.Type;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.internal.key.KeyHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Hibernate store on a real database, written once and run on every database by the subclasses,
 * where SQL can look: only hashes in the tables; events pruned by the database's clock; and
 * followed into the cache, including events written by SQL outside Keyguard and ids that commit out
 * of order. What every store does is in the contracts of {@code dev.keyguard}: this one adds to the
 * audit trail's.
 */
abstract class KeyEventLogContract extends AuditTrailContract {

    @Test
    void pruningDeletesEventsOlderThanTheRetentionByTheDatabaseClockButKeepsTheNewest()
            throws SQLException {
        KeyOwner bob = owner("globex-" + UUID.randomUUID());
        service.create(alice, "old", null);
        service.create(alice, "recent", null);
        service.create(bob, "old but newest", null);
        try (Connection c = testDatabase().connect();
                PreparedStatement age =
                        c.prepareStatement(
                                "UPDATE keyguard_key_event SET occurred_at = TIMESTAMP '2001-01-01"
                                    + " 00:00:00' WHERE organisation_id = ? OR id = (SELECT m FROM"
                                    + " (SELECT MIN(id) AS m FROM keyguard_key_event WHERE"
                                    + " organisation_id = ?) x)")) {
            age.setString(1, bob.organisationId());
            age.setString(2, alice.organisationId());
            age.executeUpdate();
        }

        int pruned = KeyguardInternals.of(keyguard()).store().prune(Duration.ofHours(1));

        assertThat(pruned).isGreaterThanOrEqualTo(1);
        assertThat(audit(alice.organisationId()))
                .extracting(KeyEvent::keyName)
                .containsExactly("recent");
        assertThat(audit(bob.organisationId()))
                .extracting(KeyEvent::keyName)
                .as("the newest event stays, whatever its age")
                .containsExactly("old but newest");
    }

    @Test
    void aRevocationBySqlWithItsEventReachesTheCacheOfARunningNode() throws SQLException {
        CreatedApiKey key = service.create(alice, "n", null);
        assertThat(keyguard().verify(key.rawKey())).as("cached").isPresent();

        try (Connection c = testDatabase().connect()) {
            c.setAutoCommit(false);
            revokeBySql(c, key.key().id());
            c.commit();
        }
        assertThat(keyguard().verify(key.rawKey())).as("not before the feed is read").isPresent();
        KeyguardInternals.of(keyguard()).follower().catchUp();

        assertThat(keyguard().verify(key.rawKey())).isEmpty();
        assertThat(audit(alice.organisationId()).get(0))
                .satisfies(
                        e -> {
                            assertThat(e.type()).isEqualTo(Type.REVOKED);
                            assertThat(e.actor()).isEqualTo(Actor.operator());
                        });
    }

    @Test
    void anEventIdTakenBeforeAHigherOneButCommittedAfterItStillReachesTheCache()
            throws SQLException {
        CreatedApiKey key = service.create(alice, "slow", null);
        CreatedApiKey other = service.create(alice, "fast", null);
        assertThat(keyguard().verify(key.rawKey())).isPresent();
        KeyguardInternals.of(keyguard()).follower().catchUp();

        try (Connection slow = testDatabase().connect();
                Connection fast = testDatabase().connect()) {
            slow.setAutoCommit(false);
            revokeBySql(slow, key.key().id());
            try (PreparedStatement changed = fast.prepareStatement(CHANGED_EVENT)) {
                changed.setString(1, other.key().id());
                changed.executeUpdate();
            }
            KeyguardInternals.of(keyguard()).follower().catchUp();
            assertThat(keyguard().verify(key.rawKey())).as("still uncommitted").isPresent();

            slow.commit();
            KeyguardInternals.of(keyguard()).follower().catchUp();
        }

        assertThat(keyguard().verify(key.rawKey())).isEmpty();
        assertThat(KeyguardInternals.of(keyguard()).follower().cacheClears()).isZero();
    }

    @Test
    void theDatabaseHoldsHashesButNeverARawKey() throws Exception {
        List<String> rawKeys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rawKeys.add(service.create(alice, "k" + i, null).rawKey());
        }

        String everything = dumpKeyguardTables();

        for (String rawKey : rawKeys) {
            assertThat(everything)
                    .doesNotContain(rawKey)
                    .doesNotContain(rawKey.substring(3))
                    .contains(KeyHash.sha256Hex(rawKey));
        }
    }

    private String dumpKeyguardTables() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = testDatabase().connect();
                Statement statement = connection.createStatement()) {
            for (String table : List.of("keyguard_api_key", "keyguard_organisation")) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int c = 1; c <= columns; c++) {
                            dump.append(rows.getString(c)).append('|');
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    /** An event for any other change of a key's row, as docs/multi-node.md shows it. */
    static final String CHANGED_EVENT =
            "INSERT INTO keyguard_key_event"
                    + " (key_id, organisation_id, type)"
                    + " SELECT id, organisation_id, 'changed' FROM keyguard_api_key WHERE id = ?";

    /** The revocation by SQL that docs/multi-node.md documents, in the caller's transaction. */
    private void revokeBySql(Connection connection, String keyId) throws SQLException {
        String now =
                testDatabase().name().equals("MariaDB") ? "UTC_TIMESTAMP(3)" : "CURRENT_TIMESTAMP";
        try (PreparedStatement revoke =
                        connection.prepareStatement(
                                "UPDATE keyguard_api_key"
                                        + " SET revoked_at = "
                                        + now
                                        + " WHERE id = ? AND revoked_at IS NULL");
                PreparedStatement event =
                        connection.prepareStatement(
                                "INSERT INTO keyguard_key_event (key_id, organisation_id, type)"
                                    + " SELECT id, organisation_id, 'revoked' FROM keyguard_api_key"
                                    + " WHERE id = ?")) {
            revoke.setString(1, keyId);
            assertThat(revoke.executeUpdate()).isEqualTo(1);
            event.setString(1, keyId);
            event.executeUpdate();
        }
    }
}
