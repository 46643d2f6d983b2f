package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.KeyguardException.Reason;
import dev.keyguard.spi.KeyStore;
import dev.keyguard.spi.UsageCount;
import dev.keyguard.testing.KeyguardOnDatabase;
import dev.keyguard.testing.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests per key per day, in the store ({@link KeyStore#recordUsage}, {@link KeyStore#usage},
 * {@link KeyStore#purgeUsage}) and through the service, written once and run on every database and
 * store by the subclasses. A host whose own store keeps usage counts runs it with a subclass whose
 * {@link #database()} is {@link dev.keyguard.testing.TestDatabase#ofStore}; one that keeps the
 * SPI's defaults shows no usage and does not. Tests keep apart by fresh organisations and keys.
 */
public abstract class KeyUsageContract extends KeyguardOnDatabase {

    private final MutableClock clock = MutableClock.startingNow();
    private final LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    private KeyOwner alice;
    private KeyOwner mallory;

    @Override
    protected KeyguardConfig.Builder configure(KeyguardConfig.Builder builder) {
        // Flushed by the tests, not by the thread.
        return builder.clock(clock).lastUsedFlushInterval(Duration.ofHours(1));
    }

    @BeforeEach
    void freshOrganisations() {
        alice = owner("acme-" + UUID.randomUUID());
        mallory = owner("evil-" + UUID.randomUUID());
    }

    private static KeyOwner owner(String organisationId) {
        return new KeyOwner(organisationId, new KeyUser("u1", "Alice", "Smith", "a@example.com"));
    }

    private KeyStore store() {
        return KeyguardInternals.of(keyguard()).store();
    }

    private ApiKeyService service() {
        return keyguard().service();
    }

    @Test
    void countsAddUpPerKeyAndDayAcrossBatches() {
        String one = service().create(alice, "one", null).key().id();
        String two = service().create(alice, "two", null).key().id();

        store().recordUsage(
                        List.of(
                                new UsageCount(one, today.minusDays(1), 5),
                                new UsageCount(one, today, 2),
                                new UsageCount(two, today, 7)));
        store().recordUsage(
                        List.of(
                                new UsageCount(one, today, 3),
                                new UsageCount(one, today.minusDays(9), 1)));

        assertThat(store().usage(alice.organisationId(), one, today.minusDays(1), today))
                .containsExactly(
                        new UsageCount(one, today.minusDays(1), 5), new UsageCount(one, today, 5));
        assertThat(store().usage(alice.organisationId(), two, today.minusDays(30), today))
                .containsExactly(new UsageCount(two, today, 7));
    }

    @Test
    void nodesAddingToTheSameDayAtOnceLoseNoCount() throws Exception {
        String id = service().create(alice, "busy", null).key().id();
        String other = service().create(alice, "other", null).key().id();
        int threads = 4;
        int batches = 25;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> adders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                adders.add(
                        pool.submit(
                                () -> {
                                    go.await();
                                    for (int i = 0; i < batches; i++) {
                                        store().recordUsage(
                                                        List.of(
                                                                new UsageCount(id, today, 3),
                                                                new UsageCount(other, today, 1)));
                                    }
                                    return null;
                                }));
            }
            go.countDown();
            for (Future<?> adder : adders) {
                adder.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store().usage(alice.organisationId(), id, today, today))
                .containsExactly(new UsageCount(id, today, 3L * threads * batches));
        assertThat(store().usage(alice.organisationId(), other, today, today))
                .containsExactly(new UsageCount(other, today, (long) threads * batches));
    }

    @Test
    void anotherOrganisationReadsNoCountOfTheKey() {
        String id = service().create(alice, "one", null).key().id();
        store().recordUsage(List.of(new UsageCount(id, today, 4)));

        assertThat(store().usage(mallory.organisationId(), id, today, today)).isEmpty();
        assertReason(() -> service().usage(Caller.operator(mallory), id, 30), Reason.NOT_FOUND);
    }

    @Test
    void purgeDeletesTheDaysBeforeTheDateOnly() {
        String id = service().create(alice, "one", null).key().id();
        LocalDate cut = today.minusDays(20);
        store().recordUsage(
                        List.of(
                                new UsageCount(id, cut.minusDays(2), 1),
                                new UsageCount(id, cut.minusDays(1), 2),
                                new UsageCount(id, cut, 3),
                                new UsageCount(id, today, 4)));

        assertThat(store().purgeUsage(cut)).isGreaterThanOrEqualTo(2);

        assertThat(store().usage(alice.organisationId(), id, cut.minusDays(5), today))
                .containsExactly(new UsageCount(id, cut, 3), new UsageCount(id, today, 4));
    }

    @Test
    void serviceGivesEveryDayOldestFirstEndingTodayWithZeros() {
        String id = service().create(alice, "one", null).key().id();
        store().recordUsage(
                        List.of(
                                new UsageCount(id, today.minusDays(6), 2),
                                new UsageCount(id, today.minusDays(7), 100),
                                new UsageCount(id, today, 5)));

        KeyUsage usage = service().usage(Caller.operator(alice), id, 7);

        assertThat(usage.keyId()).isEqualTo(id);
        assertThat(usage.days())
                .containsExactly(
                        new UsageDay(today.minusDays(6), 2),
                        new UsageDay(today.minusDays(5), 0),
                        new UsageDay(today.minusDays(4), 0),
                        new UsageDay(today.minusDays(3), 0),
                        new UsageDay(today.minusDays(2), 0),
                        new UsageDay(today.minusDays(1), 0),
                        new UsageDay(today, 5));
        assertThat(usage.total()).isEqualTo(7);
    }

    @Test
    void usesVerifiedByKeyguardAreCountedOnceWrittenBehind() {
        CreatedApiKey created = service().create(alice, "one", null);
        for (int i = 0; i < 12; i++) {
            assertThat(keyguard().verify(created.rawKey())).isPresent();
        }
        assertThat(service().usage(Caller.operator(alice), created.key().id(), 1).total())
                .as("not written yet")
                .isZero();

        KeyguardInternals.of(keyguard()).usage().flush();

        KeyUsage usage = service().usage(Caller.operator(alice), created.key().id(), 30);
        assertThat(usage.days()).hasSize(30).last().isEqualTo(new UsageDay(today, 12));
        assertThat(usage.total()).isEqualTo(12);
        assertThat(service().get(Caller.operator(alice), created.key().id()).lastUsedAt())
                .isNotNull();
    }

    @Test
    void daysOutsideOneToTheRetentionAreRefused() {
        String id = service().create(alice, "one", null).key().id();

        assertThat(service().usage(Caller.operator(alice), id, 1).days()).hasSize(1);
        assertThat(service().usage(Caller.operator(alice), id, 90).days()).hasSize(90);
        for (int days : new int[] {0, -1, 91, 367, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> service().usage(Caller.operator(alice), id, days))
                    .isInstanceOf(KeyguardException.class)
                    .hasMessageContaining("days must be a whole number from 1 to 90.")
                    .extracting(e -> ((KeyguardException) e).reason())
                    .isEqualTo(Reason.VALIDATION_ERROR);
        }
    }

    @Test
    void unknownAndRevokedKeysAreNotFound() {
        String id = service().create(alice, "one", null).key().id();
        service().revoke(alice.organisationId(), id);

        assertReason(() -> service().usage(Caller.operator(alice), id, 30), Reason.NOT_FOUND);
        assertReason(
                () -> service().usage(Caller.operator(alice), "key_unknown", 30), Reason.NOT_FOUND);
        assertReason(
                () -> service().usage(Caller.operator(alice), "not an id!", 30), Reason.NOT_FOUND);
    }

    @Test
    void readingUsageNeedsKeysManage() {
        String id = service().create(alice, "one", null).key().id();
        Caller readOnly =
                new Caller(
                        alice,
                        Actor.operator(),
                        Scopes.of("reports:read"),
                        IpAllowlist.anywhere(),
                        null);

        assertReason(() -> service().usage(readOnly, id, 30), Reason.INSUFFICIENT_SCOPE);
    }

    private static void assertReason(Runnable call, Reason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOf(KeyguardException.class)
                .extracting(e -> ((KeyguardException) e).reason())
                .isEqualTo(reason);
    }
}
