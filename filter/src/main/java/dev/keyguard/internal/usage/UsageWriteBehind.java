package dev.keyguard.internal.usage;

import dev.keyguard.internal.failure.Failures;
import dev.keyguard.spi.UsageCount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the uses of keys behind the requests: each key's {@code lastUsedAt} and its number of
 * requests per UTC day. Thread-safe.
 *
 * <p>Design note. Writing on every request would cost one statement per request and put a row lock
 * on the hot path. Instead a use only touches the key's {@link UsageEntry} in memory (one map read,
 * one atomic add, and a write of the second at most once a second), and a named daemon thread hands
 * everything pending to the sink in one batch every interval. A flush reads each entry's count
 * {@code n}, writes it, and only then subtracts {@code n}: uses recorded meanwhile stay, and a
 * failed flush keeps everything for the next one (a database outage loses nothing that a later
 * flush can still write).
 *
 * <p>An entry counts one day. The first use of a key on a new UTC day puts a fresh entry in the
 * map; the old one moves to {@code closed} and is flushed until it reads zero. An entry leaves (the
 * map or {@code closed}) only when the flusher seals it, which succeeds only when it reads zero
 * ({@link UsageEntry#trySeal}); a use that finds its entry sealed counts on a fresh one instead. So
 * every use is counted exactly once, whatever the interleaving. The map holds keys used since the
 * last flush, at most {@value #MAX_PENDING}; uses of further keys are dropped and logged.
 *
 * <p>After a flush that found a new UTC day (so about once a day, and at the first flush), it
 * deletes the counts older than the retention.
 */
public final class UsageWriteBehind implements AutoCloseable {

    /** Keys with a use not yet written; uses of further keys are dropped (and logged) beyond it. */
    public static final int MAX_PENDING = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(UsageWriteBehind.class);

    private final Map<String, UsageEntry> pending = new ConcurrentHashMap<>();
    private final Queue<UsageEntry> closed = new ConcurrentLinkedQueue<>();
    private final UsageSink sink;
    private final Clock clock;
    private final Duration retention;
    private final ScheduledExecutorService flusher;
    private volatile boolean droppedSinceFlush;

    /** Flushes that failed, for metrics. */
    private final AtomicLong failedFlushes = new AtomicLong();

    private LocalDate purgedOn;

    private UsageWriteBehind(
            UsageSink sink, Clock clock, Duration retention, ScheduledExecutorService flusher) {
        this.sink = sink;
        this.clock = clock;
        this.retention = retention;
        this.flusher = flusher;
    }

    /**
     * Starts the flush thread.
     *
     * @param sink writes one batch and purges old counts; throws if it could not
     * @param interval time between flushes
     * @param clock tells the day for the purge
     * @param retention age after which the counts of a day are deleted
     * @param threadName name of the daemon thread, for thread dumps
     */
    public static UsageWriteBehind start(
            UsageSink sink, Duration interval, Clock clock, Duration retention, String threadName) {
        ScheduledExecutorService flusher =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, threadName);
                            thread.setDaemon(true);
                            return thread;
                        });
        UsageWriteBehind writeBehind = new UsageWriteBehind(sink, clock, retention, flusher);
        long millis = Math.max(1, interval.toMillis());
        flusher.scheduleWithFixedDelay(
                writeBehind::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
        return writeBehind;
    }

    /**
     * Records a use: counts one request of the key on the UTC day of {@code usedAtEpochMilli}
     * (milliseconds since the epoch, as {@link java.time.Clock#millis} gives them) and raises its
     * last use to its second. Cheap, never blocks on I/O, allocates nothing but the first time a
     * key is used after a flush or on a new day. A use whose time lies before the day of the key's
     * current entry (a thread that read the clock just before midnight and got here after another
     * thread's use past it) counts on the current entry's day.
     */
    public void recordUse(String keyId, long usedAtEpochMilli) {
        long second = Math.floorDiv(usedAtEpochMilli, 1000);
        long day = Math.floorDiv(second, UsageEntry.SECONDS_PER_DAY);
        UsageEntry entry = pending.get(keyId);
        while (entry == null || entry.day() < day || !entry.tryRecord(second)) {
            entry = open(keyId, day);
            if (entry == null) {
                droppedSinceFlush = true;
                return;
            }
        }
    }

    /**
     * The key's entry for the day, made if there is none, it is sealed or of an earlier day (which
     * then moves to {@code closed}); {@code null} if the map is full.
     */
    private UsageEntry open(String keyId, long day) {
        return pending.compute(
                keyId,
                (id, old) -> {
                    if (old != null && !old.isSealed() && old.day() >= day) {
                        return old;
                    }
                    if (old == null && pending.size() >= MAX_PENDING) {
                        return null;
                    }
                    if (old != null && !old.isSealed()) {
                        closed.add(old);
                    }
                    return new UsageEntry(id, day);
                });
    }

    /**
     * Writes every pending use: the counts in one batch, then the last uses in another; takes each
     * off the entries once it is written (uses recorded meanwhile stay for the next flush). Then,
     * on a new day, deletes counts older than the retention (a failure of which is logged, and the
     * purge tried again at the next flush).
     *
     * @throws RuntimeException from the sink, with everything it did not write still pending
     *     (counted in {@link #failedFlushes})
     */
    public synchronized void flush() {
        try {
            write();
        } catch (RuntimeException e) {
            failedFlushes.incrementAndGet();
            throw e;
        }
    }

    private void write() {
        // A set: an entry moving from the map to closed meanwhile may be seen in both.
        Set<UsageEntry> seen = new LinkedHashSet<>(closed);
        seen.addAll(pending.values());
        List<UsageEntry> entries = new ArrayList<>(seen);
        List<UsageCount> counts = new ArrayList<>();
        long[] taken = new long[entries.size()];
        long[] seconds = new long[entries.size()];
        Map<String, Instant> lastUsed = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            UsageEntry entry = entries.get(i);
            // The count first: a use in it has written its second before counting itself.
            taken[i] = entry.count();
            seconds[i] = entry.lastSecond();
            if (taken[i] > 0) {
                counts.add(new UsageCount(entry.keyId(), entry.date(), taken[i]));
            }
            if (seconds[i] > entry.writtenSecond()) {
                lastUsed.merge(
                        entry.keyId(),
                        Instant.ofEpochSecond(seconds[i]),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        // Two writes, each taken off the entries as soon as it is in: a failure of the second
        // must not make the next flush add the counts again.
        if (!counts.isEmpty()) {
            sink.addCounts(counts);
            for (int i = 0; i < entries.size(); i++) {
                entries.get(i).countsWritten(taken[i]);
            }
        }
        if (!lastUsed.isEmpty()) {
            sink.writeLastUsed(lastUsed);
            for (int i = 0; i < entries.size(); i++) {
                entries.get(i).lastUseWritten(seconds[i]);
            }
        }
        for (UsageEntry entry : entries) {
            if (entry.trySeal()) {
                pending.remove(entry.keyId(), entry);
            }
        }
        closed.removeIf(UsageEntry::isSealed);
        if (droppedSinceFlush) {
            droppedSinceFlush = false;
            LOG.warn(
                    "Keyguard dropped some uses of keys (lastUsedAt and usage counts): more than"
                            + " {} keys were pending",
                    MAX_PENDING);
        }
        purgeIfNewDay();
    }

    private void purgeIfNewDay() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (today.equals(purgedOn)) {
            return;
        }
        LocalDate before = today.minusDays(retention.toDays());
        int purged;
        try {
            purged = sink.purge(before);
        } catch (RuntimeException e) {
            // The uses are written; the next flush tries the purge again.
            LOG.warn(
                    "Keyguard could not delete the usage counts of days before {}; will retry ({})",
                    before,
                    Failures.describe(e));
            return;
        }
        purgedOn = today;
        if (purged > 0) {
            LOG.info("Keyguard deleted {} usage counts of days before {}", purged, before);
        }
    }

    /** Flushes that failed (and were retried later), for metrics. */
    public long failedFlushes() {
        return failedFlushes.get();
    }

    /** Keys with uses not yet written, for tests and metrics. */
    public int pendingCount() {
        return pending.size() + closed.size();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn(
                    "Keyguard could not write the uses of {} keys; will retry ({})",
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

    /** Where the flush writes. */
    public interface UsageSink {

        /** Adds the requests per key and day, in one transaction. */
        void addCounts(List<UsageCount> counts);

        /** Writes the last use of each key, never moving a time back. */
        void writeLastUsed(Map<String, Instant> lastUsedByKeyId);

        /**
         * Deletes the counts of days before {@code before}.
         *
         * @return how many rows went
         */
        int purge(LocalDate before);
    }
}
