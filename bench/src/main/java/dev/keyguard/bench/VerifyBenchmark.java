package dev.keyguard.bench;

import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.micrometer.KeyguardMetrics;
import dev.keyguard.testing.TestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The filter's verification of a key that is in the cache: format check, SHA-256, cache look-up,
 * expiry check against the clock, principal, and recording the use for the write-behind. Run with
 * {@code bench/run.sh jmh VerifyBenchmark} (see BENCHMARKS.md).
 *
 * <p>The tear-down counts the statements that reached the database during the trial and fails the
 * run if there were more than one per second: a cache hit never touches the database; the only
 * statements are the re-checks of a valid key, one per key per {@link
 * KeyguardConfig#CACHE_REVALIDATE_AFTER} (default one minute), whatever the request rate. The
 * key-event follower's reads are left out (one node alone: it reads at start only).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VerifyBenchmark {

    /**
     * Metrics (docs/operations.md): {@code off} counts nothing ({@code keyguard.metrics=false});
     * {@code on} counts every outcome and keeps the cache's statistics, its meters bound to a real
     * registry that is read once per trial (the target: at most 50 ns more than off).
     */
    @Param({"off", "on"})
    public String metrics;

    private Keyguard keyguard;
    private SimpleMeterRegistry registry;
    private String rawKey;
    private String unknownKey;
    private long startNanos;

    @Setup(Level.Trial)
    public void start() {
        keyguard =
                KeyguardInternals.startWithStatistics(
                        KeyguardConfig.builder()
                                .jdbc(
                                        "jdbc:h2:mem:bench-"
                                                + UUID.randomUUID()
                                                + ";DB_CLOSE_DELAY=-1",
                                        "sa",
                                        "")
                                .lastUsedFlushInterval(Duration.ofHours(1))
                                .eventsPollInterval(Duration.ofHours(1))
                                .metrics(metrics.equals("on"))
                                .metricsGlobal(false)
                                .build());
        if (metrics.equals("on")) {
            registry = new SimpleMeterRegistry();
            new KeyguardMetrics(keyguard).bindTo(registry);
        }
        rawKey =
                keyguard.service()
                        .create(
                                new KeyOwner("org-bench", new KeyUser("u", null, null, null)),
                                "bench",
                                null)
                        .rawKey();
        unknownKey = TestKeys.unmintedFixed();
        if (keyguard.verify(rawKey).isEmpty() || keyguard.verify(unknownKey).isPresent()) {
            throw new IllegalStateException("benchmark keys are not what they should be");
        }
        KeyguardInternals.statistics(keyguard).clear();
        startNanos = System.nanoTime();
    }

    @TearDown(Level.Trial)
    public void stop() {
        long statements = KeyguardInternals.statistics(keyguard).getPrepareStatementCount();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
        if (registry != null) {
            System.out.println(
                    "\nValid verifications counted: "
                            + registry.get("keyguard.verifications")
                                    .tag("outcome", "valid")
                                    .functionCounter()
                                    .count());
        }
        keyguard.close();
        System.out.println(
                "\nDatabase statements during the trial: " + statements + " in " + seconds + " s");
        if (statements > seconds + 1) {
            throw new IllegalStateException(
                    statements
                            + " statements in "
                            + seconds
                            + " s: cache hits are reaching the database");
        }
    }

    /** A valid key, cached: the common request. */
    @Benchmark
    public Optional<KeyguardPrincipal> verifyCachedValidKey() {
        return keyguard.verify(rawKey);
    }

    /** An unknown key, cached as absent: a client hammering with a bad key. */
    @Benchmark
    public Optional<KeyguardPrincipal> verifyCachedUnknownKey() {
        return keyguard.verify(unknownKey);
    }

    /**
     * SHA-256 of a key alone, the floor under both: the JDK's digest of the key's bytes, with a
     * digest kept per thread, and nothing of Keyguard's.
     */
    @Benchmark
    public byte[] sha256Only() {
        return sha256(rawKey);
    }

    private static final ThreadLocal<MessageDigest> SHA_256 =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return MessageDigest.getInstance("SHA-256");
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException(e);
                        }
                    });

    /** SHA-256 of a key's bytes with the JDK's digest, one per thread: the floor of any check. */
    public static byte[] sha256(String key) {
        return SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
    }
}
