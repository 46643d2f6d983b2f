package dev.keyguard.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Actor;
import dev.keyguard.ApiKeyService;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyEvent;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardException;
import dev.keyguard.KeyguardException.Reason;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.SecurityEvents;
import dev.keyguard.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three application nodes on one database, each with its own pool, cache, follower and Jetty,
 * talked to over HTTP: what one node changes, the others enforce within the bound ({@link
 * Cluster#bound()}: the poll interval in force, plus slack). Written once; the subclasses name the
 * database, or the store that the nodes share. Nothing here needs SQL: the soak checks the store
 * through its SPI. A cached valid key is re-checked only after a minute ({@link
 * KeyguardConfig#CACHE_REVALIDATE_AFTER}), so within these tests only the event feed can make a
 * node refuse a key it has cached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MultiNodeContract {

    static final Logger LOG = LoggerFactory.getLogger(MultiNodeContract.class);
    final MutableClock clock = MutableClock.startingNow();
    Cluster cluster;
    private TestAbortedException skipped;

    abstract TestDatabase database();

    /** Settings of every node beyond the defaults (e.g. LISTEN off). */
    UnaryOperator<KeyguardConfig.Builder> settings() {
        return b -> b;
    }

    /** What the median propagation must beat: with LISTEN/NOTIFY far less than a poll. */
    Duration medianBound() {
        return cluster.bound();
    }

    @BeforeAll
    void startCluster() {
        TestDatabase database;
        try {
            database = database();
        } catch (TestAbortedException e) {
            skipped = e;
            return;
        }
        cluster = Cluster.start(database, clock, 3, settings());
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void notSkipped() {
        if (skipped != null) {
            throw skipped;
        }
    }

    static KeyOwner newOrganisation() {
        return new KeyOwner(
                "org-" + UUID.randomUUID(),
                new KeyUser("user-1", "Ada", "Lovelace", "ada@example.com"));
    }

    List<CreatedApiKey> keys(KeyOwner owner, int count) {
        List<CreatedApiKey> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(cluster.node(i % 3).keyguard.service().create(owner, "key " + i, null));
        }
        return keys;
    }

    @Test
    void aKeyChangeIsInTheSecurityLogOnceWrittenByTheNodeThatMadeIt() throws Exception {
        KeyOwner owner = newOrganisation();
        try (SecurityEvents events = SecurityEvents.open()) {
            CreatedApiKey key = cluster.node(0).keyguard.service().create(owner, "once", null);
            cluster.node(0).keyguard.service().revoke(owner.organisationId(), key.key().id());
            for (int i = 1; i < 3; i++) {
                Node other = cluster.node(i);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (other.status(key.rawKey()) != 401) {
                    assertThat(System.nanoTime())
                            .as("revoked on " + other.name)
                            .isLessThan(deadline);
                    Thread.sleep(10);
                }
            }

            for (String event : List.of("key.created", "key.revoked")) {
                assertThat(events.linesOf(event))
                        .as("written by the node that made the change, not by the others")
                        .filteredOn(line -> line.contains(" key=" + key.key().id() + " "))
                        .hasSize(1);
            }
        }
    }

    @Test
    void aKeyRevokedOnOneNodeIsRefusedByTheOtherTwoWithinTheBound() throws Exception {
        KeyOwner owner = newOrganisation();
        List<CreatedApiKey> keys = keys(owner, 8);
        Node a = cluster.node(0);
        List<Node> others = List.of(cluster.node(1), cluster.node(2));
        long clearsBefore = clears(others);

        List<Duration> samples =
                Propagation.measure(
                        a,
                        others,
                        owner.organisationId(),
                        keys,
                        cluster.interval(),
                        cluster.bound());

        Propagation.Stats stats = Propagation.Stats.of(samples);
        LOG.info("{}: revocation on A refused by B and C after {}", cluster.database, stats);
        assertThat(stats.max()).isLessThan(cluster.bound());
        assertThat(stats.p50()).isLessThan(medianBound());
        assertThat(clears(others))
                .as("each change applied by itself, no cache cleared")
                .isEqualTo(clearsBefore);
        for (CreatedApiKey key : keys) {
            assertThat(a.status(key.rawKey())).isEqualTo(401);
        }
    }

    @Test
    void aKeyRotatedWithoutGraceOnOneNodeIsRefusedByTheOthersAndItsSuccessorAccepted()
            throws Exception {
        KeyOwner owner = newOrganisation();
        CreatedApiKey old = keys(owner, 1).get(0);
        for (Node node : cluster.nodes()) {
            assertThat(node.status(old.rawKey())).isEqualTo(200);
        }

        CreatedApiKey successor =
                cluster.node(1)
                        .keyguard
                        .service()
                        .rotate(
                                owner.organisationId(),
                                old.key().id(),
                                Duration.ZERO,
                                Actor.operator())
                        .replacement();

        assertThat(cluster.node(1).status(old.rawKey())).isEqualTo(401);
        awaitStatus(cluster.nodes(), old.rawKey(), 401, cluster.bound());
        for (Node node : cluster.nodes()) {
            assertThat(node.status(successor.rawKey())).isEqualTo(200);
        }
    }

    @Test
    void aNodeRestartedDuringABurstOfRevocationsRefusesEveryRevokedKeyOnceUp() throws Exception {
        List<KeyOwner> owners = List.of(newOrganisation(), newOrganisation(), newOrganisation());
        List<CreatedApiKey> keys = new ArrayList<>();
        Map<String, KeyOwner> ownerOf = new ConcurrentHashMap<>();
        for (KeyOwner owner : owners) {
            for (CreatedApiKey key : keys(owner, 10)) {
                keys.add(key);
                ownerOf.put(key.key().id(), owner);
            }
        }
        for (Node node : cluster.nodes()) {
            for (CreatedApiKey key : keys) {
                assertThat(node.status(key.rawKey())).isEqualTo(200);
            }
        }
        List<CreatedApiKey> doomed = keys.subList(0, 24);
        Map<String, Long> revokedAt = new ConcurrentHashMap<>();
        ExecutorService burst = Executors.newSingleThreadExecutor();
        try {
            Future<?> revoking =
                    burst.submit(
                            () -> {
                                for (int i = 0; i < doomed.size(); i++) {
                                    CreatedApiKey key = doomed.get(i);
                                    cluster.node(i % 2)
                                            .keyguard
                                            .service()
                                            .revoke(
                                                    ownerOf.get(key.key().id()).organisationId(),
                                                    key.key().id(),
                                                    Actor.operator());
                                    revokedAt.put(key.key().id(), System.nanoTime());
                                    Thread.sleep(60);
                                }
                                return null;
                            });
            Thread.sleep(200);
            cluster.restart(2);
            long up = System.nanoTime();
            Node restarted = cluster.node(2);

            for (CreatedApiKey key : keys) {
                Long revoked = revokedAt.get(key.key().id());
                int status = restarted.status(key.rawKey());
                if (revoked != null && revoked < up) {
                    assertThat(status).as("revoked before the node was up").isEqualTo(401);
                }
            }
            revoking.get();
        } finally {
            burst.shutdownNow();
        }

        Thread.sleep(cluster.bound().toMillis());
        for (Node node : cluster.nodes()) {
            for (CreatedApiKey key : keys) {
                assertThat(node.status(key.rawKey()))
                        .as("%s, %s", node, key.key().name())
                        .isEqualTo(doomed.contains(key) ? 401 : 200);
            }
        }
    }

    @Test
    void theTenKeyLimitHoldsWhenCreatesRaceAcrossThreeNodes() throws Exception {
        KeyOwner owner = newOrganisation();
        int racers = 24;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < racers; i++) {
                ApiKeyService service = cluster.node(i % 3).keyguard.service();
                Callable<Boolean> create =
                        () -> {
                            go.await();
                            try {
                                service.create(owner, "racer", null);
                                return true;
                            } catch (KeyguardException e) {
                                assertThat(e.reason()).isEqualTo(Reason.KEY_LIMIT_REACHED);
                                return false;
                            }
                        };
                results.add(pool.submit(create));
            }
            go.countDown();
            int created = 0;
            for (Future<Boolean> result : results) {
                created += result.get() ? 1 : 0;
            }

            assertThat(created).isEqualTo(ApiKeyService.MAX_ACTIVE_KEYS);
        } finally {
            pool.shutdownNow();
        }
        for (Node node : cluster.nodes()) {
            assertThat(node.keyguard.service().list(owner.organisationId()))
                    .hasSize(ApiKeyService.MAX_ACTIVE_KEYS);
        }
        assertThat(
                        cluster.node(0)
                                .keyguard
                                .service()
                                .events(owner.organisationId(), null, ApiKeyService.MAX_EVENTS_PAGE)
                                .events())
                .extracting(KeyEvent::type)
                .containsOnly(KeyEvent.Type.CREATED)
                .hasSize(ApiKeyService.MAX_ACTIVE_KEYS);
    }

    @Test
    void aSoakOfCreatesUsesRotationsAndRevocationsLeavesNoNodeAcceptingADeadKey() throws Exception {
        Soak soak =
                new Soak(cluster, List.of(newOrganisation(), newOrganisation(), newOrganisation()));

        soak.run(Soak.length(), 3);

        assertThat(soak.violations()).as("refusals the acting node owed at once").isEmpty();
        assertThat(soak.operations()).as("operations done").isGreaterThan(30);
        clock.advance(Duration.ofHours(2)); // every key with an expiry, retiring ones included
        Thread.sleep(cluster.bound().toMillis());
        assertThat(soak.wrongAnswers()).as("node, key, expected status").isEmpty();
        assertThat(
                        soak.eventLogDisagreements(
                                KeyguardInternals.of(cluster.node(0).keyguard).store()))
                .as("event log against key table")
                .isEmpty();
    }

    /** Waits until every node answers {@code status} for the key, failing after {@code bound}. */
    static void awaitStatus(List<Node> nodes, String rawKey, int status, Duration bound)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        for (Node node : nodes) {
            while (node.status(rawKey) != status) {
                assertThat(System.nanoTime()).as("%s within %s", node, bound).isLessThan(deadline);
                Thread.sleep(5);
            }
        }
    }

    static long clears(List<Node> nodes) {
        return nodes.stream()
                .mapToLong(n -> KeyguardInternals.of(n.keyguard).follower().cacheClears())
                .sum();
    }
}
