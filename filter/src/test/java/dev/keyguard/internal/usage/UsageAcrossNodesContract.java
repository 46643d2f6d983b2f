package dev.keyguard.internal.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Caller;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUsage;
import dev.keyguard.KeyUser;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.UsageDay;
import dev.keyguard.internal.events.Node;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.TestDatabase;
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
import org.junit.jupiter.api.Test;

/**
 * The definition of done for usage per key: two nodes on one database serve a known number
 * of requests with a few keys, from several threads at once, over real HTTP, while each flushes
 * every 50 ms; after they close, the counts read back are exactly the requests served, per key and
 * day; a node started afterwards on the same database reads the same and keeps adding. Written
 * once; the subclasses name the database.
 */
abstract class UsageAcrossNodesContract {

    private static final int THREADS = 4;

    private final MutableClock clock = MutableClock.startingNow();

    abstract TestDatabase database();

    private KeyguardConfig config(TestDatabase database) {
        return database.config()
                .clock(clock)
                .throttleMaxFailures(0)
                .lastUsedFlushInterval(Duration.ofMillis(50))
                .build();
    }

    @Test
    void countsAreExactAfterKnownTrafficOnTwoNodesAndSurviveARestart() throws Exception {
        TestDatabase database = database();
        KeyOwner owner =
                new KeyOwner(
                        "usage-" + UUID.randomUUID(),
                        new KeyUser("u1", "Alice", "Smith", "a@example.com"));
        LocalDate firstDay = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<CreatedApiKey> keys = new ArrayList<>();
        int[] firstDayRequests = {240, 96, 0};
        int[] secondDayRequests = {40, 0, 12};
        try (Node a = Node.start("A", config(database));
                Node b = Node.start("B", config(database))) {
            for (int i = 0; i < firstDayRequests.length; i++) {
                keys.add(a.keyguard.service().create(owner, "key " + i, null));
            }
            serve(List.of(a, b), keys, firstDayRequests);
            clock.advance(Duration.ofDays(1));
            serve(List.of(b, a), keys, secondDayRequests);
        }

        try (Node restarted = Node.start("C", config(database))) {
            for (int i = 0; i < keys.size(); i++) {
                KeyUsage usage = usage(restarted, owner, keys.get(i));
                assertThat(usage.days())
                        .as("key %d", i)
                        .endsWith(
                                new UsageDay(firstDay, firstDayRequests[i]),
                                new UsageDay(firstDay.plusDays(1), secondDayRequests[i]));
                assertThat(usage.total()).isEqualTo(firstDayRequests[i] + secondDayRequests[i]);
            }
            serve(List.of(restarted), keys, new int[] {5, 0, 0});
        }

        try (Node again = Node.start("D", config(database))) {
            assertThat(usage(again, owner, keys.get(0)).days())
                    .endsWith(new UsageDay(firstDay.plusDays(1), secondDayRequests[0] + 5));
            assertThat(usage(again, owner, keys.get(0)).total())
                    .isEqualTo(firstDayRequests[0] + secondDayRequests[0] + 5);
        }
    }

    private static KeyUsage usage(Node node, KeyOwner owner, CreatedApiKey key) {
        return node.keyguard.service().usage(Caller.operator(owner), key.key().id(), 30);
    }

    /**
     * Sends {@code requests[i]} requests with key {@code i}, spread over the nodes in turn and over
     * {@value #THREADS} threads at once; every one must be accepted.
     */
    private static void serve(List<Node> nodes, List<CreatedApiKey> keys, int[] requests)
            throws Exception {
        List<String> plan = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            for (int n = 0; n < requests[i]; n++) {
                plan.add(keys.get(i).rawKey());
            }
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Integer>>> senders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                senders.add(
                        pool.submit(
                                () -> {
                                    go.await();
                                    List<Integer> refused = new ArrayList<>();
                                    for (int r = thread; r < plan.size(); r += THREADS) {
                                        int status =
                                                nodes.get(r % nodes.size()).status(plan.get(r));
                                        if (status != 200) {
                                            refused.add(status);
                                        }
                                    }
                                    return refused;
                                }));
            }
            go.countDown();
            for (Future<List<Integer>> sender : senders) {
                assertThat(sender.get()).as("statuses other than 200").isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
