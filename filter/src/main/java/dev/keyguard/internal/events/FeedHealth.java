package dev.keyguard.internal.events;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Whether a node's follower has read the key-event log lately. The verification cache asks it to
 * decide how soon to re-check a cached key itself ({@link
 * dev.keyguard.internal.cache.Revalidation}). Thread-safe.
 */
public final class FeedHealth {

    private final Ticker ticker;
    private final long staleAfterNanos;

    /** Ticker time from which the feed counts as behind; now, until its first complete read. */
    private volatile long staleAt;

    /** Ticker time of the last complete read; {@code started} until the first. */
    private volatile long caughtUpAt;

    private volatile boolean everCaughtUp;

    /** The least time after which a feed counts as behind, whatever its poll interval. */
    static final Duration LEAST_STALE_AFTER = Duration.ofSeconds(3);

    /**
     * The health of a feed read every {@code pollInterval}: behind after three intervals without a
     * complete read, and never sooner than {@link #LEAST_STALE_AFTER}. At a 100 ms poll, three
     * intervals are 300 ms, which a loaded machine's scheduling or a garbage collection can delay a
     * healthy follower by; each such blip would send every cached key back to the database.
     */
    public static FeedHealth forPollInterval(Ticker ticker, Duration pollInterval) {
        Duration three = pollInterval.multipliedBy(3);
        return new FeedHealth(
                ticker, three.compareTo(LEAST_STALE_AFTER) < 0 ? LEAST_STALE_AFTER : three);
    }

    /**
     * @param staleAfter how long after its last complete read the feed counts as behind
     */
    public FeedHealth(Ticker ticker, Duration staleAfter) {
        this.ticker = ticker;
        this.staleAfterNanos = staleAfter.toNanos();
        this.staleAt = ticker.read();
        this.caughtUpAt = staleAt;
    }

    /** Read the whole log up to now less than {@code staleAfter} ago. */
    public boolean isCurrent() {
        return isCurrentAt(ticker.read());
    }

    /** As {@link #isCurrent}, at a time its ticker gave (the caller already read it). */
    public boolean isCurrentAt(long now) {
        return now - staleAt < 0;
    }

    /** The time source it reads, which the follower that updates it reads too. */
    Ticker ticker() {
        return ticker;
    }

    /**
     * Nanoseconds since the last complete read of the log (since this health was made, until the
     * first): how far behind this node may be. For metrics and the health check.
     */
    public long lagNanos() {
        return Math.max(0, ticker.read() - caughtUpAt);
    }

    /** Whether the log was ever read completely. */
    public boolean everCaughtUp() {
        return everCaughtUp;
    }

    void caughtUp(long at) {
        caughtUpAt = at;
        staleAt = at + staleAfterNanos;
        everCaughtUp = true;
    }
}
