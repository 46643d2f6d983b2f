package dev.keyguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.keyguard.Actor;
import dev.keyguard.ApiKeyService;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyEvent;
import dev.keyguard.KeyEvent.Type;
import dev.keyguard.KeyEventPage;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardException;
import dev.keyguard.testing.KeyguardOnDatabase;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The key-event log on a real database, written once and run on every database by the
 * subclasses: written in the same transaction as each change, with the database's ids and clock;
 * read back as the audit trail; pruned; and followed into the cache, including events written by
 * SQL outside Keyguard and ids that commit out of order. The follower here reads only when told
 * (long interval, no LISTEN), so each step is deterministic.
 */
abstract class KeyEventLogContract extends KeyguardOnDatabase {

    /** The node's clock is far from the database's: event times must come from the latter. */
    private final MutableClock clock = new MutableClock(Instant.parse("2001-01-01T00:00:00Z"));
    private ApiKeyService service;
    private KeyOwner alice;
    private Actor aliceKey;

    @Override
    protected KeyguardConfig.Builder configure(KeyguardConfig.Builder builder) {
        return builder.clock(clock).eventsPollInterval(Duration.ofHours(1)).eventsListen(false);
    }

    @BeforeAll
    void startService() {
        service = keyguard() == null ? null : keyguard().service();
    }

    @BeforeEach
    void freshOrganisation() {
        alice = owner("acme-" + UUID.randomUUID());
        aliceKey = new Actor("key_aliceAliceAlice0000", "user-alice");
    }

    private static KeyOwner owner(String organisationId) {
        return new KeyOwner(organisationId, new KeyUser("user-alice", "Alice", "Smith",
                "alice@example.com"));
    }

    private List<KeyEvent> audit(String organisationId) {
        return service.events(organisationId, null, ApiKeyService.MAX_EVENTS_PAGE).events();
    }

    @Test
    void everyCreateRotationAndRevocationWritesItsEventsWithItsActor() {
        String first = service.create(alice, "first", null, aliceKey).key().id();
        String second = service.rotate(alice.organisationId(), first, Duration.ZERO, aliceKey)
                .replacement().key().id();
        service.revoke(alice.organisationId(), second);

        List<KeyEvent> events = audit(alice.organisationId());

        assertThat(events).extracting(KeyEvent::type, KeyEvent::keyId, KeyEvent::actor)
                .containsExactlyInAnyOrder(
                        tuple(Type.CREATED, first, aliceKey),
                        tuple(Type.ROTATED, first, aliceKey),
                        tuple(Type.CREATED, second, aliceKey),
                        tuple(Type.REVOKED, second,
                                Actor.operator()));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.keyName()).isEqualTo("first");
            assertThat(e.keyPrefix()).startsWith("ll_").hasSize(13);
        });
    }

    @Test
    void aCreateRefusedAtTheLimitAndARevocationOfNothingWriteNoEvent() {
        for (int i = 0; i < ApiKeyService.MAX_ACTIVE_KEYS; i++) {
            service.create(alice, "k" + i, null);
        }
        assertThatThrownBy(() -> service.create(alice, "eleventh", null))
                .isInstanceOf(KeyguardException.class);
        String id = service.list(alice.organisationId()).get(0).id();
        service.revoke(alice.organisationId(), id);
        assertThatThrownBy(() -> service.revoke(alice.organisationId(), id))
                .isInstanceOf(KeyguardException.class);

        assertThat(audit(alice.organisationId())).extracting(KeyEvent::type)
                .containsOnly(Type.CREATED, Type.REVOKED)
                .hasSize(ApiKeyService.MAX_ACTIVE_KEYS + 1);
    }

    @Test
    void eventTimesComeFromTheDatabaseServersClockNotTheNodes() {
        Instant before = Instant.now();
        service.create(alice, "n", null);
        Instant after = Instant.now();

        Instant occurredAt = audit(alice.organisationId()).get(0).occurredAt();

        assertThat(occurredAt).isBetween(before.minusSeconds(5), after.plusSeconds(5));
        assertThat(service.list(alice.organisationId()).get(0).createdAt())
                .as("the key's own createdAt stays the node's").isEqualTo(clock.instant());
    }

    @Test
    void theAuditTrailIsNewestFirstInPagesThatNeitherSkipNorRepeat() {
        KeyOwner bob = owner("globex-" + UUID.randomUUID());
        service.create(bob, "bob's", null);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(service.create(alice, "k" + i, null, aliceKey).key().id());
        }
        service.rotate(alice.organisationId(), ids.get(0), Duration.ofHours(1), aliceKey);
        service.revoke(alice.organisationId(), ids.get(1), aliceKey);
        List<KeyEvent> all = audit(alice.organisationId());

        List<KeyEvent> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            KeyEventPage page = service.events(alice.organisationId(), cursor, 2);
            assertThat(page.events()).hasSizeLessThanOrEqualTo(2);
            paged.addAll(page.events());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(all).hasSize(6).allSatisfy(e -> assertThat(e.keyName()).startsWith("k"));
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(pages).isEqualTo(3);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).occurredAt()).isBeforeOrEqualTo(all.get(i - 1).occurredAt());
        }
    }

    @Test
    void aCursorNotMadeHereOrALimitOutOfRangeIsAValidationError() {
        for (String cursor : List.of("", "nonsense", "MTpub3RhbnVtYmVyOnJldm9rZWQ6a2V5X3g",
                "Mjox")) {
            assertValidation(() -> service.events(alice.organisationId(), cursor, 10));
        }
        assertValidation(() -> service.events(alice.organisationId(), null, 0));
        assertValidation(() -> service.events(alice.organisationId(), null,
                ApiKeyService.MAX_EVENTS_PAGE + 1));
    }

    @Test
    void pruningDeletesEventsOlderThanTheRetentionByTheDatabaseClockButKeepsTheNewest()
            throws SQLException {
        KeyOwner bob = owner("globex-" + UUID.randomUUID());
        service.create(alice, "old", null);
        service.create(alice, "recent", null);
        service.create(bob, "old but newest", null);
        try (Connection c = testDatabase().connect(); PreparedStatement age = c.prepareStatement(
                "UPDATE keyguard_key_event SET occurred_at = TIMESTAMP '2001-01-01 00:00:00'"
                        + " WHERE organisation_id = ? OR id = (SELECT m FROM (SELECT MIN(id) AS m"
                        + " FROM keyguard_key_event WHERE organisation_id = ?) x)")) {
            age.setString(1, bob.organisationId());
            age.setString(2, alice.organisationId());
            age.executeUpdate();
        }

        int pruned = keyguard().eventLog().prune(Duration.ofHours(1));

        assertThat(pruned).isGreaterThanOrEqualTo(1);
        assertThat(audit(alice.organisationId())).extracting(KeyEvent::keyName)
                .containsExactly("recent");
        assertThat(audit(bob.organisationId())).extracting(KeyEvent::keyName)
                .as("the newest event stays, whatever its age").containsExactly("old but newest");
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
        keyguard().eventFollower().catchUp();

        assertThat(keyguard().verify(key.rawKey())).isEmpty();
        assertThat(audit(alice.organisationId()).get(0)).satisfies(e -> {
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
        keyguard().eventFollower().catchUp();

        try (Connection slow = testDatabase().connect(); Connection fast = testDatabase().connect()) {
            slow.setAutoCommit(false);
            revokeBySql(slow, key.key().id());
            try (PreparedStatement changed = fast.prepareStatement(CHANGED_EVENT)) {
                changed.setString(1, other.key().id());
                changed.executeUpdate();
            }
            keyguard().eventFollower().catchUp();
            assertThat(keyguard().verify(key.rawKey())).as("still uncommitted").isPresent();

            slow.commit();
            keyguard().eventFollower().catchUp();
        }

        assertThat(keyguard().verify(key.rawKey())).isEmpty();
        assertThat(keyguard().eventFollower().cacheClears()).isZero();
    }

    @Test
    void aNodeStartsAtTheHighWaterMarkWithoutClearingOrReplaying() {
        service.create(alice, "before", null);
        try (Keyguard late = Keyguard.start(testDatabase().config().clock(clock)
                .eventsPollInterval(Duration.ofHours(1)).eventsListen(false).build())) {
            late.eventFollower().catchUp();

            assertThat(late.eventFollower().eventsApplied()).isZero();
            assertThat(late.eventFollower().cacheClears()).isZero();
            service.create(alice, "after", null);
            late.eventFollower().catchUp();
            assertThat(late.eventFollower().eventsApplied()).isEqualTo(1);
        }
    }

    /** An event for any other change of a key's row, as docs/multi-node.md shows it. */
    static final String CHANGED_EVENT = "INSERT INTO keyguard_key_event"
            + " (key_id, organisation_id, type)"
            + " SELECT id, organisation_id, 'changed' FROM keyguard_api_key WHERE id = ?";

    /** The revocation by SQL that docs/multi-node.md documents, in the caller's transaction. */
    private void revokeBySql(Connection connection, String keyId) throws SQLException {
        String now = testDatabase().name().equals("MariaDB") ? "UTC_TIMESTAMP(3)" : "CURRENT_TIMESTAMP";
        try (PreparedStatement revoke = connection.prepareStatement("UPDATE keyguard_api_key"
                + " SET revoked_at = " + now + " WHERE id = ? AND revoked_at IS NULL");
                PreparedStatement event = connection.prepareStatement("INSERT INTO"
                        + " keyguard_key_event (key_id, organisation_id, type)"
                        + " SELECT id, organisation_id, 'revoked' FROM keyguard_api_key"
                        + " WHERE id = ?")) {
            revoke.setString(1, keyId);
            assertThat(revoke.executeUpdate()).isEqualTo(1);
            event.setString(1, keyId);
            event.executeUpdate();
        }
    }

    private static void assertValidation(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KeyguardException.class,
                e -> assertThat(e.reason()).isEqualTo(KeyguardException.Reason.VALIDATION_ERROR));
    }
}
