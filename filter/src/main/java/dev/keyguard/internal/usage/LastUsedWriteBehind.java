package dev.keyguard.internal.usage;

import dev.keyguard.internal.failure.Failures;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes keys' {@code lastUsedAt} behind the requests that use them. Thread-safe.
 *
 * <p>Design note. Writing {@code lastUsedAt} on every request would cost one UPDATE per request and
 * put a row lock on the hot path. Instead a use only records "key id, instant" in memory, coalesced
 * per key (the latest instant wins), and a named daemon thread hands the whole set to the sink in
 * one batch every interval. The map holds at most one entry per key that passed verification, and
 * is capped at {@value #MAX_PENDING} besides. A batch that fails stays pending and is retried at
 * the next interval, so a database outage loses nothing that a later flush can still write. {@link
 * #close()} stops the thread and flushes one last time.
 */
public final class LastUsedWriteBehind implements AutoCloseable {

    /** Keys with a use not yet written; uses of further keys are dropped (and logged) beyond it. */
    public static final int MAX_PENDING = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(LastUsedWriteBehind.class);

    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private final Consumer<Map<String, Instant>> sink;
    private final ScheduledExecutorService flusher;
    private volatile boolean droppedSinceFlush;
    private final java.util.concurrent.atomic.AtomicLong failedFlushes =
            new java.util.concurrent.atomic.AtomicLong();

    private LastUsedWriteBehind(
            Consumer<Map<String, Instant>> sink, ScheduledExecutorService flusher) {
        this.sink = sink;
        this.flusher = flusher;
    }

    /**
     * Starts the flush thread.
     *
     * @param sink writes one batch, key id to instant of last use; throws if it could not
     * @param interval time between flushes
     * @param threadName name of the daemon thread, for thread dumps
     */
    public static LastUsedWriteBehind start(
            Consumer<Map<String, Instant>> sink, Duration interval, String threadName) {
        ScheduledExecutorService flusher =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, threadName);
                            thread.setDaemon(true);
                            return thread;
                        });
        LastUsedWriteBehind writeBehind = new LastUsedWriteBehind(sink, flusher);
        long millis = Math.max(1, interval.toMillis());
        flusher.scheduleWithFixedDelay(
                writeBehind::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
        return writeBehind;
    }

    /**
     * Records a use; cheap, never blocks on I/O. A use within the same second as the pending one is
     * not recorded: {@code lastUsedAt} is precise to the second, and a busy key then costs a map
     * read per request instead of a contended write.
     */
    public void recordUse(String keyId, Instant usedAt) {
        Instant previous = pending.get(keyId);
        if (previous != null && usedAt.getEpochSecond() <= previous.getEpochSecond()) {
            return;
        }
        if (previous == null && pending.size() >= MAX_PENDING) {
            droppedSinceFlush = true;
            return;
        }
        pending.merge(keyId, usedAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * Writes every pending use in one batch; on success removes what was written (a use recorded
     * meanwhile stays for the next flush).
     *
     * @throws RuntimeException from the sink, with every use still pending
     */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = new HashMap<>(pending);
        try {
            sink.accept(batch);
        } catch (RuntimeException e) {
            failedFlushes.incrementAndGet();
            throw e;
        }
        batch.forEach(pending::remove);
        if (droppedSinceFlush) {
            droppedSinceFlush = false;
            LOG.warn(
                    "Keyguard dropped some lastUsedAt updates: more than {} keys were pending",
                    MAX_PENDING);
        }
    }

    /** Uses not yet written, for tests and metrics. */
    public int pendingCount() {
        return pending.size();
    }

    /** Flushes that failed (and were retried later), for metrics. */
    public long failedFlushes() {
        return failedFlushes.get();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn(
                    "Keyguard could not write lastUsedAt for {} keys; will retry ({})",
                    pending.size(),
                    Failures.describe(e));
        }
    }

    /** Stops the flush thread and writes what is still pending. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            if (!flusher.awaitTermination(10, TimeUnit.SECONDS)) {
                flusher.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }
}
