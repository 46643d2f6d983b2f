package dev.keyguard.bench;

import dev.keyguard.internal.usage.UsageWriteBehind;
import dev.keyguard.spi.UsageCount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recording a use for the usage write-behind ({@code lastUsedAt} and the count per day), as {@code
 * Keyguard.verify} does after every successful check: {@code recordUse(keyId, clock.millis())}. The
 * flush goes to a sink that discards, once an hour, so only the recording is measured: one busy key
 * (one or two threads), and 10,000 keys in turn.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WriteBehindBenchmark {

    private static final int KEYS = 10_000;

    private final Clock clock = Clock.systemUTC();
    private UsageWriteBehind writeBehind;
    private String[] keyIds;

    /** Each thread's own position among the keys. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void start() {
        writeBehind =
                UsageWriteBehind.start(
                        new UsageWriteBehind.UsageSink() {
                            @Override
                            public void addCounts(List<UsageCount> counts) {}

                            @Override
                            public void writeLastUsed(Map<String, Instant> lastUsed) {}

                            @Override
                            public int purge(LocalDate before) {
                                return 0;
                            }
                        },
                        Duration.ofHours(1),
                        clock,
                        Duration.ofDays(90),
                        "bench-usage-flush");
        keyIds = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keyIds[i] = "key_" + Integer.toString(i * 7919 + 1_000_000, 36) + "abcdefghijklm";
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        writeBehind.close();
    }

    /**
     * One key used over and over: a map read and an atomic add per use, the second once a second.
     */
    @Benchmark
    public void recordUseOfBusyKey() {
        writeBehind.recordUse(keyIds[0], clock.millis());
    }

    /** The busy key from two threads at once (this machine has two cores). */
    @Benchmark
    @Threads(2)
    public void recordUseOfBusyKeyTwoThreads() {
        writeBehind.recordUse(keyIds[0], clock.millis());
    }

    /** 10,000 keys in turn: each key's first use in a second writes to the map. */
    @Benchmark
    public void recordUseOfManyKeys(Cursor cursor) {
        int i = cursor.next;
        cursor.next = i + 1 == KEYS ? 0 : i + 1;
        writeBehind.recordUse(keyIds[i], clock.millis());
    }
}
