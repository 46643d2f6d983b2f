package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.keyguard.KeyEvent.Type;
import dev.keyguard.testing.KeyguardOnDatabase;
import dev.keyguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail of every store, written once and run on each by the subclasses: each change
 * writes its events with its actor and the store's time, refused changes write none, and the trail
 * reads back newest first in pages that neither skip nor repeat. The follower reads only when told
 * (long interval, no LISTEN), so that the tests can step it; a node that starts late begins at the
 * log's end without replaying it. A host runs it on its own store with a subclass whose {@link
 * #database()} is {@link dev.keyguard.testing.TestDatabase#ofStore}.
 */
public abstract class AuditTrailContract extends KeyguardOnDatabase {

    /** The node's clock is far from the store's: event times must come from the latter. */
    protected final MutableClock clock = new MutableClock(Instant.parse("2001-01-01T00:00:00Z"));

    protected ApiKeyService service;

    /** A fresh organisation for each test. */
    protected KeyOwner alice;

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

    protected static KeyOwner owner(String organisationId) {
        return new KeyOwner(
                organisationId, new KeyUser("user-alice", "Alice", "Smith", "alice@example.com"));
    }

    protected final List<KeyEvent> audit(String organisationId) {
        return service.events(organisationId, null, ApiKeyService.MAX_EVENTS_PAGE).events();
    }

    @Test
    void everyCreateRotationAndRevocationWritesItsEventsWithItsActor() {
        String first = service.create(alice, "first", null, aliceKey).key().id();
        String second =
                service.rotate(alice.organisationId(), first, Duration.ZERO, aliceKey)
                        .replacement()
                        .key()
                        .id();
        service.revoke(alice.organisationId(), second);

        List<KeyEvent> events = audit(alice.organisationId());

        assertThat(events)
                .extracting(KeyEvent::type, KeyEvent::keyId, KeyEvent::actor)
                .containsExactlyInAnyOrder(
                        tuple(Type.CREATED, first, aliceKey),
                        tuple(Type.ROTATED, first, aliceKey),
                        tuple(Type.CREATED, second, aliceKey),
                        tuple(Type.REVOKED, second, Actor.operator()));
        assertThat(events)
                .allSatisfy(
                        e -> {
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

        assertThat(audit(alice.organisationId()))
                .extracting(KeyEvent::type)
                .containsOnly(Type.CREATED, Type.REVOKED)
                .hasSize(ApiKeyService.MAX_ACTIVE_KEYS + 1);
    }

    @Test
    void eventTimesComeFromTheStoresClockNotTheNodes() {
        Instant before = Instant.now();
        service.create(alice, "n", null);
        Instant after = Instant.now();

        Instant occurredAt = audit(alice.organisationId()).get(0).occurredAt();

        assertThat(occurredAt).isBetween(before.minusSeconds(5), after.plusSeconds(5));
        assertThat(service.list(alice.organisationId()).get(0).createdAt())
                .as("the key's own createdAt stays the node's")
                .isEqualTo(clock.instant());
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
        for (String cursor :
                List.of("", "nonsense", "MTpub3RhbnVtYmVyOnJldm9rZWQ6a2V5X3g", "Mjox")) {
            assertValidation(() -> service.events(alice.organisationId(), cursor, 10));
        }
        assertValidation(() -> service.events(alice.organisationId(), null, 0));
        assertValidation(
                () ->
                        service.events(
                                alice.organisationId(), null, ApiKeyService.MAX_EVENTS_PAGE + 1));
    }

    @Test
    void aNodeStartsAtTheHighWaterMarkWithoutClearingOrReplaying() {
        service.create(alice, "before", null);
        try (Keyguard late =
                Keyguard.start(
                        testDatabase()
                                .config()
                                .clock(clock)
                                .eventsPollInterval(Duration.ofHours(1))
                                .eventsListen(false)
                                .build())) {
            KeyguardInternals.of(late).follower().catchUp();

            assertThat(KeyguardInternals.of(late).follower().eventsApplied()).isZero();
            assertThat(KeyguardInternals.of(late).follower().cacheClears()).isZero();
            service.create(alice, "after", null);
            KeyguardInternals.of(late).follower().catchUp();
            assertThat(KeyguardInternals.of(late).follower().eventsApplied()).isEqualTo(1);
        }
    }

    private static void assertValidation(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        KeyguardException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(KeyguardException.Reason.VALIDATION_ERROR));
    }
}
