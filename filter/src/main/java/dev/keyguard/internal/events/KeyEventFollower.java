package dev.keyguard.internal.events;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.keyguard.internal.cache.CachingKeyStore;
import dev.keyguard.internal.failure.Failures;
import dev.keyguard.spi.FeedEvent;
import dev.keyguard.spi.KeyEventLog;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the key-event log on a named daemon thread and brings this node's verification cache in
 * line with every change made on any node: a revoked or rotated key's entry is replaced by the
 * key's current row (a tombstone that a racing or lagging load cannot undo); a changed key's entry
 * is dropped; a created key drops a cached "no such key" for its hash, if any. It reads every
 * {@code interval}, and at once when PostgreSQL notifies a new event ({@code LISTEN/NOTIFY}); it
 * also prunes events older than the retention, about once an hour, has the cache drop the answers
 * past their {@code ttl} ({@link CachingKeyStore#removeStaleIfDue}), and runs the rest of
 * Keyguard's housekeeping after each read (a {@code Runnable} given to {@link #start}: the security
 * log's summary). Thread-safe.
 *
 * <p>Design note: never miss an event, or clear the cache.
 *
 * <ul>
 *   <li><b>Start.</b> The cache is empty, so only events committed from now on matter: the follower
 *       starts at the log's high-water mark, read before the node serves (in {@link #start}), and
 *       treats the missing ids of the {@value #START_WINDOW} ids below it as gaps (their
 *       transactions may still commit). If the database is down then, it reads the mark once it can
 *       and clears the cache, which may have been filled meanwhile.
 *   <li><b>Gaps.</b> A skipped id is looked for again on each read for {@link #GAP_TIMEOUT} ({@link
 *       FeedPosition}). Keyguard writes its event as the last statement before the commit, so the
 *       window in which a lower id can still appear is short.
 *   <li><b>Outage.</b> A failed read changes nothing; the next one continues from the last id. The
 *       first read after a failure (or after a pause of a minute) first checks the log's bounds: if
 *       the lowest id is beyond the next expected one (pruned past the mark) or the highest below
 *       the mark (the table was emptied or restored), it cannot be sure nothing was missed and
 *       clears the cache, starting again at the high-water mark.
 *   <li><b>Deleted rows.</b> An event whose key row no longer exists (deleted by SQL) cannot be
 *       matched to a cache entry (entries are keyed by hash): the whole cache is cleared.
 * </ul>
 *
 * While the follower cannot read the log, {@link FeedHealth} reports it behind after three
 * intervals (at least 3 s), and the cache re-checks cached keys against the database itself.
 *
 * <p>Where nothing wakes it, the follower reads ten times a second by default, and almost every
 * read finds nothing: the Hibernate store answers such a read with one index probe outside any
 * transaction, and runs the full query only when there is news (or a skipped id to look for).
 */
public final class KeyEventFollower implements AutoCloseable {

    /** How long a skipped id is looked for again before it counts as rolled back. */
    public static final Duration GAP_TIMEOUT = Duration.ofMinutes(1);

    /** Events read per query. */
    static final int BATCH = 500;

    /** Ids below the high-water mark at start whose transactions may still commit. */
    static final int START_WINDOW = 256;

    static final Duration PRUNE_EVERY = Duration.ofHours(1);

    /** A read this long after the previous successful one checks the log's bounds first. */
    private static final long RECHECK_AFTER_NANOS = Duration.ofMinutes(1).toNanos();

    private static final Logger LOG = LoggerFactory.getLogger(KeyEventFollower.class);

    private final KeyEventLog log;
    private final CachingKeyStore cache;
    private final FeedHealth health;
    private final Ticker ticker;
    private final long intervalNanos;
    private final Duration retention;
    private final Wakeup wakeup;
    private final Runnable housekeeping;
    private final Thread thread;
    private volatile boolean closed;

    // Guarded by this.
    private FeedPosition position;
    private int attempts;
    private boolean failing;
    private volatile boolean warned;
    private long lastReadAt;
    private long nextPruneAt;
    private final AtomicLong eventsApplied = new AtomicLong();
    private final AtomicLong cacheClears = new AtomicLong();

    KeyEventFollower(
            KeyEventLog log,
            CachingKeyStore cache,
            FeedHealth health,
            Ticker ticker,
            Duration interval,
            Duration retention,
            Wakeup wakeup,
            Runnable housekeeping,
            String threadName) {
        this.log = log;
        this.housekeeping = housekeeping;
        this.cache = cache;
        this.health = health;
        this.ticker = ticker;
        this.intervalNanos = interval.toNanos();
        this.retention = retention;
        this.wakeup = wakeup;
        this.nextPruneAt =
                ticker.read()
                        + (long)
                                (ThreadLocalRandom.current().nextDouble(0.1, 1)
                                        * PRUNE_EVERY.toNanos());
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /**
     * Reads the log's high-water mark (or tries to), then starts the thread.
     *
     * @param health updated after every complete read, on its own time source; give the same to the
     *     cache
     * @param interval time between reads when nothing wakes the follower
     * @param retention age after which events are pruned
     * @param listenConnection opens a dedicated PostgreSQL connection to {@code LISTEN} on, or
     *     {@code null} to poll only
     * @param housekeeping run on the thread after each read; what it throws is logged
     * @param threadName name of the daemon thread, for thread dumps
     */
    public static KeyEventFollower start(
            KeyEventLog log,
            CachingKeyStore cache,
            FeedHealth health,
            Duration interval,
            Duration retention,
            Callable<Connection> listenConnection,
            Runnable housekeeping,
            String threadName) {
        Wakeup wakeup =
                listenConnection == null ? new TimedWakeup() : new PostgresWakeup(listenConnection);
        KeyEventFollower follower =
                new KeyEventFollower(
                        log,
                        cache,
                        health,
                        health.ticker(),
                        interval,
                        retention,
                        wakeup,
                        housekeeping,
                        threadName);
        follower.readQuietly();
        follower.thread.start();
        return follower;
    }

    /**
     * Reads at a fixed rate (an interval after the previous read started, not after it ended, so a
     * slow read does not stretch the bound), but pauses at least a tenth of the interval.
     */
    private void run() {
        long nextReadAt = ticker.read() + intervalNanos;
        try {
            while (!closed) {
                wakeup.await(Math.max(intervalNanos / 10, nextReadAt - ticker.read()));
                if (!closed) {
                    long startedAt = ticker.read();
                    readQuietly();
                    nextReadAt = startedAt + intervalNanos;
                    pruneIfDue();
                    cache.removeStaleIfDue();
                    housekeepQuietly();
                }
            }
        } finally {
            wakeup.close();
        }
    }

    /** The host's logging can throw (a broken appender); that must not stop the follower. */
    private void housekeepQuietly() {
        try {
            housekeeping.run();
        } catch (RuntimeException e) {
            LOG.warn("Keyguard's housekeeping failed: {}", Failures.describe(e));
        }
    }

    /** Reads the log now and applies what is new; for tests (the thread does it by itself). */
    public void catchUp() {
        read();
    }

    private void readQuietly() {
        try {
            read();
            if (warned) {
                warned = false;
                LOG.info("Keyguard follows the key-event log again");
            }
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn(
                        "Keyguard cannot read the key-event log ({}); until it can, cached keys"
                                + " are checked against the database after {} ms",
                        Failures.describe(e),
                        intervalNanos / 1_000_000);
            }
        }
    }

    synchronized void read() {
        attempts++;
        boolean failedBefore = failing;
        failing = true;
        long now = ticker.read();
        if (position == null) {
            startAtHighWaterMark(now, attempts > 1);
        } else if (failedBefore || now - lastReadAt > RECHECK_AFTER_NANOS) {
            checkBounds(now);
        }
        List<FeedEvent> batch;
        do {
            batch = log.read(position.lastId(), position.gapIds(), BATCH);
            for (FeedEvent event : batch) {
                apply(event);
                position.seen(event.id(), now);
            }
        } while (batch.size() == BATCH);
        position.expireGaps(now, GAP_TIMEOUT.toNanos());
        if (position.takeUncertainty()) {
            clearCache("more ids were missing than it can track");
        }
        failing = false;
        lastReadAt = now;
        health.caughtUp(now);
    }

    private void startAtHighWaterMark(long now, boolean cacheMayBeFilled) {
        long mark = log.bounds().highest();
        long windowStart = Math.max(0, mark - START_WINDOW);
        position = FeedPosition.at(mark, windowStart, log.idsBetween(windowStart, mark), now);
        if (cacheMayBeFilled) {
            clearCache("it could not read the log when it started");
        }
    }

    private void checkBounds(long now) {
        KeyEventLog.Bounds bounds = log.bounds();
        long last = position.lastId();
        if (bounds.highest() < last || bounds.lowest() > last + 1) {
            position = null;
            startAtHighWaterMark(now, false);
            clearCache(
                    "the log no longer holds the events after id "
                            + last
                            + " (pruned, emptied or restored)");
        }
    }

    private void apply(FeedEvent event) {
        eventsApplied.incrementAndGet();
        if (event.key() == null) {
            clearCache("an event names a key whose row no longer exists");
            return;
        }
        switch (event.type()) {
            case REVOKED, ROTATED -> cache.restrict(event.key());
            case CREATED -> cache.dropIfAbsent(event.key().hash());
            case CHANGED -> cache.invalidate(event.key().hash());
        }
    }

    private void clearCache(String why) {
        cacheClears.incrementAndGet();
        LOG.info("Keyguard clears its key cache: {}", why);
        cache.invalidateAll();
    }

    private void pruneIfDue() {
        long now = ticker.read();
        if (now - nextPruneAt < 0) {
            return;
        }
        nextPruneAt = now + PRUNE_EVERY.toNanos();
        try {
            int pruned = log.prune(retention);
            if (pruned > 0) {
                LOG.info("Keyguard pruned {} key events older than {}", pruned, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("Keyguard could not prune the key-event log ({})", Failures.describe(e));
        }
    }

    /** Events applied so far, for tests and metrics. */
    public long eventsApplied() {
        return eventsApplied.get();
    }

    /** Whether it read the log lately, for metrics and the health check. */
    public FeedHealth health() {
        return health;
    }

    /** How long it waits between two reads when nothing wakes it. */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /** Skipped ids still looked for, for tests. */
    synchronized int gapsWatched() {
        return position == null ? 0 : position.gapCount();
    }

    /** Times the whole cache was cleared because an event could have been missed. */
    public long cacheClears() {
        return cacheClears.get();
    }

    /** Stops the thread (within a fraction of a second) and closes the listening connection. */
    @Override
    public void close() {
        closed = true;
        wakeup.stop();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
