package dev.keyguard.internal.events;

import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The figures of BENCHMARKS.md: how long a revocation on node A takes to be refused by nodes B and
 * C (three nodes, over HTTP), over many revocations, with LISTEN/NOTIFY on PostgreSQL and with
 * polling alone (1 s) on PostgreSQL, MariaDB and H2. Minutes long, so it runs only with {@code
 * KEYGUARD_TEST_MEASURE=true}; each figure is appended to {@code target/propagation.md}. See
 * BENCHMARKS.md for the command.
 */
@EnabledIfEnvironmentVariable(named = "KEYGUARD_TEST_MEASURE", matches = "true")
class PropagationMeasurement {

    /** Revocations per configuration with LISTEN/NOTIFY ({@code KEYGUARD_TEST_MEASURE_FAST}). */
    private static final int FAST = count("KEYGUARD_TEST_MEASURE_FAST", 300);

    /** Revocations per polling configuration ({@code KEYGUARD_TEST_MEASURE_POLLING}). */
    private static final int POLLING = count("KEYGUARD_TEST_MEASURE_POLLING", 100);

    @Test
    void postgresWithListenNotify() throws Exception {
        measure(
                "PostgreSQL, LISTEN/NOTIFY",
                TestDatabase.postgres(),
                b -> b,
                FAST,
                Duration.ofMillis(50));
    }

    @Test
    void postgresPollingOnly() throws Exception {
        measure(
                "PostgreSQL, polling only",
                TestDatabase.postgres(),
                b -> b.eventsListen(false),
                POLLING,
                KeyguardConfig.EVENTS_POLL_INTERVAL.defaultValue());
    }

    @Test
    void mariadbPolling() throws Exception {
        measure(
                "MariaDB, polling",
                TestDatabase.mariadb(),
                b -> b,
                POLLING,
                KeyguardConfig.EVENTS_POLL_INTERVAL.defaultValue());
    }

    @Test
    void h2Polling() throws Exception {
        measure(
                "H2 (in memory, one JVM), polling",
                TestDatabase.h2(),
                b -> b,
                POLLING,
                KeyguardConfig.EVENTS_POLL_INTERVAL.defaultValue());
    }

    private static void measure(
            String name,
            TestDatabase database,
            UnaryOperator<KeyguardConfig.Builder> settings,
            int revocations,
            Duration spread)
            throws Exception {
        List<Duration> samples = new ArrayList<>();
        long started = System.nanoTime();
        try (Cluster cluster = Cluster.start(database, MutableClock.startingNow(), 3, settings)) {
            for (int done = 0; done < revocations; done += 10) {
                KeyOwner owner =
                        new KeyOwner(
                                "measure-" + UUID.randomUUID(), new KeyUser("u", null, null, null));
                List<CreatedApiKey> keys = new ArrayList<>();
                for (int i = 0; i < Math.min(10, revocations - done); i++) {
                    keys.add(cluster.node(0).keyguard.service().create(owner, "m", null));
                }
                samples.addAll(
                        Propagation.measure(
                                cluster.node(0),
                                List.of(cluster.node(1), cluster.node(2)),
                                owner.organisationId(),
                                keys,
                                spread,
                                Duration.ofSeconds(10)));
            }
        }
        Propagation.Stats stats = Propagation.Stats.of(samples);
        String line =
                String.format(
                        Locale.ROOT,
                        "| %s | %d | %d | %d | %d | %d s |%n",
                        name,
                        revocations,
                        stats.p50().toMillis(),
                        stats.p99().toMillis(),
                        stats.max().toMillis(),
                        Duration.ofNanos(System.nanoTime() - started).toSeconds());
        System.out.print("PROPAGATION " + line);
        write(line);
    }

    private static synchronized void write(String line) throws IOException {
        Path file = Path.of("target", "propagation.md");
        if (!Files.exists(file)) {
            Files.writeString(
                    file,
                    "| configuration | revocations | p50 ms | p99 ms | max ms"
                            + " | took |\n| --- | --- | --- | --- | --- | --- |\n",
                    StandardCharsets.UTF_8);
        }
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static int count(String variable, int otherwise) {
        String value = System.getenv(variable);
        return value == null ? otherwise : Integer.parseInt(value);
    }
}
