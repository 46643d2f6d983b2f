package dev.keyguard.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.keyguard.internal.key.KeyDigest;
import dev.keyguard.internal.key.KeyFormat;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 18: the steps of a cache-hit {@code verify} one by one, to see where its time goes beside
 * {@link VerifyBenchmark#sha256Only}: the format check (which makes the one copy of the key's
 * bytes), the checksum, the hash of those bytes, and the clock reads a hit makes (the cache's
 * ticker, twice: Keyguard's and Caffeine's; the wall clock once).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VerifyPartsBenchmark {

    private final KeyFormat format = KeyFormat.defaultFormat();
    private final String key = format.generate(new SecureRandom());
    private final byte[] keyBytes = format.wellFormedBytes(key);
    private final Ticker ticker = Ticker.systemTicker();
    private final Clock clock = Clock.systemUTC();

    /** The format check, with the copy of the key's bytes it makes. */
    @Benchmark
    public byte[] wellFormedBytes() {
        return format.wellFormedBytes(key);
    }

    /** The CRC-32 of the bytes before the checksum, compared with it. */
    @Benchmark
    public boolean checksum() {
        return format.hasValidChecksum(keyBytes);
    }

    /** SHA-256 of a fresh copy of the bytes, over them (as a hit does it). */
    @Benchmark
    public KeyDigest hashOverBytes() {
        return KeyDigest.ofKeyBytes(keyBytes.clone());
    }

    /** One read of the caches' time source, {@code System.nanoTime}. */
    @Benchmark
    public long tickerRead() {
        return ticker.read();
    }

    /** One read of the wall clock as an {@code Instant}. */
    @Benchmark
    public Instant wallClock() {
        return clock.instant();
    }

    /** One read of the wall clock in milliseconds. */
    @Benchmark
    public long wallClockMillis() {
        return clock.millis();
    }
}
