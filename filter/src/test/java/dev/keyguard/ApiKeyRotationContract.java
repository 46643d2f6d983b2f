package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ApiKeyService#rotate}, written once and run on every store by the subclasses, with a clock
 * the test moves; a host runs it on its own store with a subclass whose {@link #database()} is
 * {@link TestDatabase#ofStore}.
 */
public abstract class ApiKeyRotationContract {

    /** A fresh organisation per test, so that runs on one shared database never meet. */
    private final KeyOwner owner =
            new KeyOwner(
                    "org-rotation-" + UUID.randomUUID(),
                    new KeyUser("u1", "Alice", "Smith", "alice@example.com"));

    private final String org = owner.organisationId();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    private Keyguard keyguard;
    private ApiKeyService service;

    /** A fresh store of the kind under test; called before each test. */
    protected abstract TestDatabase database();

    @BeforeEach
    void start() {
        keyguard = Keyguard.start(database().config().clock(clock).build());
        service = keyguard.service();
    }

    /** Also after a skip: without the database (PostgreSQL, MariaDB) nothing was started. */
    @AfterEach
    void stop() {
        if (keyguard != null) {
            keyguard.close();
        }
    }

    @Test
    void oldKeyWorksUntilTheGracePeriodEndsAndTheNewOneAtOnce() {
        CreatedApiKey old = service.create(owner, "deploy", null);

        RotatedApiKey rotated = service.rotate(org, old.key().id(), Duration.ofMinutes(5));

        assertThat(rotated.retiring().expiresAt()).isEqualTo(clock.instant().plusSeconds(300));
        assertThat(rotated.replacement().key().name()).isEqualTo("deploy");
        assertThat(rotated.replacement().key().owner()).isEqualTo(owner);
        assertThat(works(old)).isTrue();
        assertThat(works(rotated.replacement())).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(works(old)).isFalse();
        assertThat(works(rotated.replacement())).isTrue();
        assertThat(rotated.toString()).doesNotContain(rotated.replacement().rawKey());
    }

    @Test
    void graceZeroEndsTheOldKeyNowAndNullGivesTheDefault() {
        CreatedApiKey first = service.create(owner, null, null);
        CreatedApiKey second = service.create(owner, null, null);

        service.rotate(org, first.key().id(), Duration.ZERO);
        RotatedApiKey byDefault = service.rotate(org, second.key().id(), null);

        assertThat(works(first)).isFalse();
        assertThat(byDefault.retiring().expiresAt())
                .isEqualTo(clock.instant().plus(ApiKeyService.DEFAULT_ROTATION_GRACE));
    }

    @Test
    void theOldKeysExpiryOnlyMovesEarlier() {
        Instant soon = clock.instant().plus(Duration.ofHours(1));
        CreatedApiKey old = service.create(owner, null, soon.toString());

        RotatedApiKey rotated = service.rotate(org, old.key().id(), Duration.ofDays(1));

        assertThat(rotated.retiring().expiresAt()).isEqualTo(soon);
        assertThat(rotated.replacement().key().expiresAt())
                .isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void rotationWorksAtTheLimitAndTheRetiringKeyNoLongerCounts() {
        List<CreatedApiKey> keys = new ArrayList<>();
        for (int i = 0; i < ApiKeyService.MAX_ACTIVE_KEYS; i++) {
            keys.add(service.create(owner, "k" + i, null));
        }

        service.rotate(org, keys.get(0).key().id(), Duration.ofHours(1));

        assertThat(service.list(org)).hasSize(ApiKeyService.MAX_ACTIVE_KEYS + 1);
        assertThatThrownBy(() -> service.create(owner, null, null))
                .isInstanceOfSatisfying(
                        KeyguardException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(KeyguardException.Reason.KEY_LIMIT_REACHED));
        service.revoke(org, keys.get(1).key().id());
        assertThat(service.create(owner, null, null)).isNotNull();
    }

    @Test
    void expiredRetiringAndForeignKeysCannotBeRotated() {
        CreatedApiKey rotatedOnce = service.create(owner, null, null);
        service.rotate(org, rotatedOnce.key().id(), Duration.ofHours(1));
        CreatedApiKey expiring =
                service.create(owner, null, clock.instant().plusSeconds(10).toString());
        clock.advance(Duration.ofSeconds(10));

        assertReason(
                () -> service.rotate(org, rotatedOnce.key().id(), null),
                KeyguardException.Reason.NOT_ROTATABLE);
        assertReason(
                () -> service.rotate(org, expiring.key().id(), null),
                KeyguardException.Reason.NOT_ROTATABLE);
        assertReason(
                () -> service.rotate("other-org", rotatedOnce.key().id(), null),
                KeyguardException.Reason.NOT_FOUND);
        assertReason(
                () -> service.rotate(org, "x".repeat(40), null),
                KeyguardException.Reason.NOT_FOUND);
        assertReason(
                () -> service.rotate(org, expiring.key().id(), Duration.ofSeconds(-1)),
                KeyguardException.Reason.VALIDATION_ERROR);
        assertReason(
                () ->
                        service.rotate(
                                org,
                                expiring.key().id(),
                                ApiKeyService.MAX_ROTATION_GRACE.plusSeconds(1)),
                KeyguardException.Reason.VALIDATION_ERROR);
    }

    @Test
    void aRetiringKeyCanStillBeRevoked() {
        CreatedApiKey old = service.create(owner, null, null);
        service.rotate(org, old.key().id(), Duration.ofDays(1));

        service.revoke(org, old.key().id());

        assertThat(works(old)).isFalse();
    }

    @Test
    void concurrentRotationsOfOneKeyMakeOneReplacement() throws Exception {
        CreatedApiKey old = service.create(owner, null, null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RotatedApiKey>> results = new ArrayList<>();
            Callable<RotatedApiKey> rotate =
                    () -> service.rotate(org, old.key().id(), Duration.ofHours(1));
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(rotate));
            }
            int succeeded = 0;
            for (Future<RotatedApiKey> result : results) {
                try {
                    result.get();
                    succeeded++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(((KeyguardException) e.getCause()).reason())
                            .isEqualTo(KeyguardException.Reason.NOT_ROTATABLE);
                }
            }
            assertThat(succeeded).isEqualTo(1);
            assertThat(service.list(org)).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean works(CreatedApiKey key) {
        return keyguard.verify(key.rawKey()).isPresent();
    }

    private static void assertReason(Runnable call, KeyguardException.Reason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        KeyguardException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
