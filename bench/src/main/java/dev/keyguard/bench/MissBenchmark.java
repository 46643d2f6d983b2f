package dev.keyguard.bench;

import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.internal.key.KeyFormat;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
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
 * {@code Keyguard.verify} on a cache miss: format, SHA-256, cache look-up, the store's query
 * through Hibernate, caching the answer. The cache is emptied before every call (outside the
 * timing), so every call goes to the database: in-memory H2 (the floor) or PostgreSQL on 127.0.0.1
 * ({@link BenchDatabase}). A valid key, and an unknown one (a fresh random key each call, as a
 * flood sends). The tear-down prints the statements per call, which must be one.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MissBenchmark {

    @Param({"h2", "postgresql"})
    public String database;

    private Keyguard keyguard;
    private String rawKey;
    private String[] unknownKeys;
    private int next;
    private long calls;

    @Setup(Level.Trial)
    public void start() {
        KeyguardConfig.Builder config =
                KeyguardConfig.builder()
                        .lastUsedFlushInterval(Duration.ofHours(1))
                        // This measures what a miss costs, not the budget that bounds misses.
                        .throttleLookupsPerSecond(0);
        if (database.equals("h2")) {
            config.jdbc("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        } else {
            config.jdbc(BenchDatabase.url(), BenchDatabase.user(), BenchDatabase.password());
        }
        keyguard = KeyguardInternals.startWithStatistics(config.build());
        rawKey =
                keyguard.service()
                        .create(
                                new KeyOwner(
                                        "org-bench-miss-" + UUID.randomUUID(),
                                        new KeyUser("u", null, null, null)),
                                "bench",
                                null)
                        .rawKey();
        SecureRandom random = new SecureRandom();
        unknownKeys = new String[4096];
        for (int i = 0; i < unknownKeys.length; i++) {
            byte[] secret = new byte[28];
            random.nextBytes(secret);
            unknownKeys[i] = KeyFormat.withChecksum("ll_" + HexFormat.of().formatHex(secret));
        }
        if (keyguard.verify(rawKey).isEmpty() || keyguard.verify(unknownKeys[0]).isPresent()) {
            throw new IllegalStateException("benchmark keys are not what they should be");
        }
        KeyguardInternals.statistics(keyguard).clear();
    }

    @Setup(Level.Invocation)
    public void emptyTheCache() {
        KeyguardInternals.of(keyguard).cache().invalidateAll();
        calls++;
    }

    @TearDown(Level.Trial)
    public void stop() {
        long statements = KeyguardInternals.statistics(keyguard).getPrepareStatementCount();
        keyguard.close();
        System.out.printf(
                "%nDatabase statements: %d for %d calls (%.2f per call)%n",
                statements, calls, (double) statements / calls);
    }

    /** A valid key that is not cached: the first request of a key on a node. */
    @Benchmark
    public Optional<KeyguardPrincipal> missValidKey() {
        return keyguard.verify(rawKey);
    }

    /** A well-formed unknown key, not cached: what each request of a flood costs. */
    @Benchmark
    public Optional<KeyguardPrincipal> missUnknownKey() {
        next = (next + 1) & (unknownKeys.length - 1);
        return keyguard.verify(unknownKeys[next]);
    }
}
