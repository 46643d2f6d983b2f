package dev.keyguard.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.reliability.support.Figures;
import dev.keyguard.reliability.support.Http;
import dev.keyguard.reliability.support.Http.Answer;
import dev.keyguard.reliability.support.Json;
import dev.keyguard.reliability.support.Node;
import dev.keyguard.testing.ProxiedDatabase;
import dev.keyguard.testing.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database goes away under traffic, over real HTTP against a real Jetty with the filter and the
 * Admin API, Keyguard's own pool connecting through a {@link dev.keyguard.testing.TcpProxy}: cut
 * (connections reset), slowed, partitioned (blackhole: nothing forwarded, nothing refused),
 * restored. While it is away, keys this node has cached keep working, everything that needs the
 * database is a 503 with {@code Retry-After} and the envelope, and admin writes change nothing.
 * Once it is back, full service returns without a restart and the uses made meanwhile reach {@code
 * lastUsedAt}.
 */
class DatabaseFaultTest {

    private static final String KEYS = "api/v1/api-keys";

    /** Longest any request may take, whatever the database does (pool and socket time-outs). */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);

    private static final KeyOwner ROOT =
            new KeyOwner("org-faults", new KeyUser("u-faults", "Fay", "Ault", "fay@example.com"));

    private static final ExecutorService OUTAGE_CLIENTS = Executors.newCachedThreadPool();

    private ProxiedDatabase database;
    private Keyguard keyguard;
    private Node node;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> duringFaults = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (keyguard != null) {
            keyguard.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB"})
    void cutSlowPartitionAndRestoreUnderTraffic(String name) throws Exception {
        database = ProxiedDatabase.start(name);
        keyguard =
                Keyguard.start(
                        database.config()
                                .lastUsedFlushInterval(Duration.ofMillis(200))
                                .throttleMaxFailures(0)
                                .build());
        node = Node.start(keyguard);
        Http http = new Http(node.base());
        String org = "org-faults-" + UUID.randomUUID();
        String root =
                keyguard.service().create(new KeyOwner(org, ROOT.user()), "root", null).rawKey();
        JsonNode cachedKey = created(http.post(KEYS, root, "{\"name\":\"cached\"}"));
        String cached = cachedKey.get("key").asText();
        JsonNode cold = created(http.post(KEYS, root, "{\"name\":\"cold\"}"));
        assertThat(http.get(Node.WHOAMI, cached).status()).isEqualTo(200);
        assertThat(http.get(Node.WHOAMI, root).status()).isEqualTo(200);
        String listBefore = withoutLastUsed(http.get(KEYS, root).body());

        AtomicReference<String> phase = new AtomicReference<>("up");
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> traffic = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread thread =
                    new Thread(
                            () -> {
                                while (running.get()) {
                                    String started = phase.get();
                                    check(
                                            started,
                                            "whoami(root)",
                                            http.get(Node.WHOAMI, root),
                                            true);
                                    started = phase.get();
                                    check(started, "list(root)", http.get(KEYS, root), false);
                                }
                            },
                            "traffic-" + i);
            thread.start();
            traffic.add(thread);
        }

        // 1. Cut: every connection reset, new ones refused.
        phase.set("cut");
        database.proxy().cut();
        CompletableFuture<Void> outage =
                CompletableFuture.runAsync(() -> assertOutage(http, root, cold), OUTAGE_CLIENTS);
        Instant lastUseWhileCut = useWhile(http, "cut", cached, outage);

        database.proxy().restore();
        phase.set("restoring");
        awaitFullService(http, root);
        phase.set("up");
        assertThat(withoutLastUsed(http.get(KEYS, root).body()))
                .as("writes tried while the database was cut changed nothing")
                .isEqualTo(listBefore);
        assertThat(http.get(Node.WHOAMI, cold.get("key").asText()).status()).isEqualTo(200);
        Instant written = awaitLastUsed(http, root, cachedKey.get("id").asText());
        assertThat(written)
                .as("the use made during the cut reached lastUsedAt")
                .isAfterOrEqualTo(lastUseWhileCut.minusSeconds(1));

        // 2. Slow: every chunk 50 ms late; slower, never wrong.
        phase.set("slow");
        database.proxy().delay(50);
        JsonNode slowKey = created(http.post(KEYS, root, "{\"name\":\"slow\"}"));
        check("slow", "whoami(slow key)", http.get(Node.WHOAMI, slowKey.get("key").asText()), true);
        check("slow", "revoke", http.delete(KEYS + "/" + slowKey.get("id").asText(), root), true);
        database.proxy().restore();
        phase.set("up");
        awaitFullService(http, root);
        assertThat(http.get(Node.WHOAMI, slowKey.get("key").asText()).status()).isEqualTo(401);

        // 3. Partition: nothing forwarded, nothing refused. H2's client has no network time-out
        //    (Connection.setNetworkTimeout is a no-op there), so only the server databases.
        if (!name.equals("H2")) {
            JsonNode cold2 = created(http.post(KEYS, root, "{\"name\":\"cold 2\"}"));
            String listBeforePartition = withoutLastUsed(http.get(KEYS, root).body());
            phase.set("partition");
            database.proxy().blackhole();
            // Long enough for the requests in flight to run into the network time-out.
            CompletableFuture<Void> partition =
                    CompletableFuture.allOf(
                            CompletableFuture.runAsync(
                                    () -> assertOutage(http, root, cold2), OUTAGE_CLIENTS),
                            CompletableFuture.runAsync(() -> sleep(6_000), OUTAGE_CLIENTS));
            useWhile(http, "partition", cached, partition);
            database.proxy().restore();
            phase.set("restoring");
            awaitFullService(http, root);
            phase.set("up");
            assertThat(withoutLastUsed(http.get(KEYS, root).body())).isEqualTo(listBeforePartition);
        }

        running.set(false);
        for (Thread thread : traffic) {
            thread.join(ANSWER_BOUND.toMillis() * 2);
        }
        Figures.record(
                "DatabaseFaultTest/" + name,
                "faults injected: "
                        + database.proxy().faultsInjected()
                        + ", answers during faults by status: "
                        + new java.util.TreeMap<>(Map.copyOf(duringFaults))
                        + ", violations: "
                        + violations.size());
        assertThat(violations).isEmpty();
    }

    /**
     * Everything that needs the database, at once (each waits up to the pool's connection
     * time-out): 503 with Retry-After and the envelope, never anything else.
     */
    private void assertOutage(Http http, String root, JsonNode cold) {
        String coldId = cold.get("id").asText();
        Map<String, Supplier<Answer>> requests =
                Map.of(
                        "whoami(key not cached)",
                                () -> http.get(Node.WHOAMI, cold.get("key").asText()),
                        "unknown key", () -> http.get(Node.WHOAMI, TestKeys.unminted()),
                        "list", () -> http.get(KEYS, root),
                        "create", () -> http.post(KEYS, root, "{\"name\":\"during outage\"}"),
                        "revoke", () -> http.delete(KEYS + "/" + coldId, root),
                        "rotate", () -> http.post(KEYS + "/" + coldId + "/rotate", root, "{}"));
        List<CompletableFuture<Void>> all = new ArrayList<>();
        requests.forEach(
                (what, request) ->
                        all.add(
                                CompletableFuture.runAsync(
                                        () -> expect503(request.get(), what), OUTAGE_CLIENTS)));
        all.forEach(CompletableFuture::join);
    }

    private void expect503(Answer answer, String what) {
        count("outage", answer);
        checkBound(what, answer);
        if (answer.status() != 503
                || !"5".equals(answer.header("Retry-After"))
                || !Json.isError(answer.body(), "unavailable")) {
            violations.add("during outage " + what + " answered " + answer);
        }
    }

    /**
     * @param mustSucceed the request needs no database (or the database is up): only a 2xx is
     *     right; otherwise a 503 with the envelope is right too
     */
    private void check(String phase, String what, Answer answer, boolean mustSucceed) {
        count(phase, answer);
        checkBound(what, answer);
        boolean ok = answer.status() >= 200 && answer.status() < 300;
        boolean unavailable =
                answer.status() == 503
                        && "5".equals(answer.header("Retry-After"))
                        && Json.isError(answer.body(), "unavailable");
        if (!ok && (mustSucceed || !unavailable)) {
            violations.add(phase + ": " + what + " answered " + answer);
        }
    }

    /** Uses a cached key until {@code until} completes; returns the instant of the last use. */
    private Instant useWhile(Http http, String phase, String key, CompletableFuture<Void> until) {
        Instant last;
        do {
            last = Instant.now();
            check(phase, "whoami(cached)", http.get(Node.WHOAMI, key), true);
            sleep(20);
        } while (!until.isDone());
        until.join();
        return last;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkBound(String what, Answer answer) {
        if (answer.nanos() > ANSWER_BOUND.toNanos()) {
            violations.add(what + " took " + answer.nanos() / 1_000_000 + " ms");
        }
    }

    private void count(String phase, Answer answer) {
        if (!phase.equals("up")) {
            duringFaults
                    .computeIfAbsent(String.valueOf(answer.status()), s -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    private static void awaitFullService(Http http, String root) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int inARow = 0;
        while (inARow < 5) {
            inARow = http.get(KEYS, root).status() == 200 ? inARow + 1 : 0;
            assertThat(System.nanoTime()).as("service came back").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static Instant awaitLastUsed(Http http, String root, String id)
            throws InterruptedException {
        return awaitValue(
                () -> {
                    for (JsonNode key : Json.parse(http.get(KEYS, root).body()).get("data")) {
                        if (key.get("id").asText().equals(id) && !key.get("lastUsedAt").isNull()) {
                            return Instant.parse(key.get("lastUsedAt").asText());
                        }
                    }
                    return null;
                });
    }

    private static <T> T awaitValue(Supplier<T> value) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            T found = value.get();
            if (found != null) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not written within 10 s");
    }

    private static JsonNode created(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return Json.parse(answer.body()).get("data");
    }

    private static String withoutLastUsed(String listBody) {
        JsonNode list = Json.parse(listBody);
        list.get("data")
                .forEach(
                        key ->
                                ((com.fasterxml.jackson.databind.node.ObjectNode) key)
                                        .remove("lastUsedAt"));
        return list.toString();
    }
}
