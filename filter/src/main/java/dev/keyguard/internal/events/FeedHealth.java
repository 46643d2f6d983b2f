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

    /**
     * @param staleAfter how long after its last complete read the feed counts as behind
     */
    public FeedHealth(Ticker ticker, Duration staleAfter) {
        this.ticker = ticker;
        this.staleAfterNanos = staleAfter.toNanos();
        this.staleAt = ticker.read();
    }

    /** Read the whole log up to now less than {@code staleAfter} ago. */
    public boolean isCurrent() {
        return ticker.read() - staleAt < 0;
    }

    void caughtUp(long at) {
        staleAt = at + staleAfterNanos;
    }
}
