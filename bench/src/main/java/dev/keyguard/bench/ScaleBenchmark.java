package dev.keyguard.bench;

import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.bench.scale.BulkKeys;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Keyguard.verify} at scale: a million keys in PostgreSQL ({@link BulkKeys}) and a cache of
 * 100,000 entries, filled with keys 0 to 99,999 before the measurement. A hit picks one of those at
 * random (a cache whose entries do not fit the CPU caches); a miss presents one of the other
 * 900,000 (an index look-up among a million rows; it then enters the cache, evicting another).
 *
 * <p>The re-check of a cached valid key ({@code revalidate-after}, default 1 s) is set to an hour
 * here, so that a hit is a hit: with the default, a key used less often than once a second costs a
 * re-check, i.e. a miss, on every use (see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScaleBenchmark {

    static final int CACHED = 100_000;

    private Keyguard keyguard;
    private String[] cachedKeys;
    private int nextMiss;
    private long calls;

    @Setup(Level.Trial)
    public void start() throws Exception {
        keyguard =
                KeyguardInternals.startWithStatistics(
                        KeyguardConfig.builder()
                                .jdbc(
                                        BenchDatabase.url(),
                                        BenchDatabase.user(),
                                        BenchDatabase.password())
                                .cacheMaximumSize(CACHED)
                                // BulkKeys are imported in bulk, without a checksum.
                                .keysAcceptWithoutChecksum(true)
                                .cacheRevalidateAfter(Duration.ofHours(1))
                                .lastUsedFlushInterval(Duration.ofHours(1))
                                .build());
        double inserted =
                BulkKeys.ensure(
                        BenchDatabase.url(), BenchDatabase.user(), BenchDatabase.password());
        if (inserted > 0) {
            System.out.printf("%nInserted %d keys in %.1f s%n", BulkKeys.COUNT, inserted);
        }
        cachedKeys = IntStream.range(0, CACHED).mapToObj(BulkKeys::key).toArray(String[]::new);
        long start = System.nanoTime();
        long found =
                IntStream.range(0, CACHED)
                        .parallel()
                        .filter(i -> keyguard.verify(cachedKeys[i]).isPresent())
                        .count();
        KeyguardInternals.of(keyguard).cache().cleanUp();
        System.out.printf(
                "%nCache filled with %d of %d keys in %.1f s; %d entries%n",
                found,
                CACHED,
                (System.nanoTime() - start) / 1e9,
                KeyguardInternals.of(keyguard).cache().estimatedSize());
        if (found != CACHED) {
            throw new IllegalStateException("the bulk keys do not verify");
        }
        KeyguardInternals.statistics(keyguard).clear();
    }

    @TearDown(Level.Trial)
    public void stop() {
        long statements = KeyguardInternals.statistics(keyguard).getPrepareStatementCount();
        long size = KeyguardInternals.of(keyguard).cache().estimatedSize();
        keyguard.close();
        System.out.printf(
                "%nDatabase statements: %d for %d calls; cache entries at the end: %d%n",
                statements, calls, size);
    }

    /** One of the 100,000 cached keys, at random. */
    @Benchmark
    public Optional<KeyguardPrincipal> hitAmong100kCachedKeys() {
        calls++;
        return keyguard.verify(cachedKeys[ThreadLocalRandom.current().nextInt(CACHED)]);
    }

    /** One of the 900,000 other keys: a query among a million rows (includes making the key). */
    @Benchmark
    public Optional<KeyguardPrincipal> missAmong1MStoredKeys() {
        calls++;
        int i = CACHED + nextMiss;
        nextMiss = (nextMiss + 1) % (BulkKeys.COUNT - CACHED);
        return keyguard.verify(BulkKeys.key(i));
    }
}
