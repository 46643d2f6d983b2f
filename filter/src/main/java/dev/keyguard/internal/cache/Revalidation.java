package dev.keyguard.internal.cache;

import java.time.Duration;
import java.util.function.LongPredicate;

/**
 * When a cached valid key is checked against the store again: once older than {@code
 * afterFeedIsCurrent} while the key-event feed says it is current, and already once older than
 * {@code afterFeedIsBehind} while it is not (a node that cannot follow the event log falls back to
 * asking the store). Immutable.
 */
public final class Revalidation {

    private final long afterFeedIsCurrentNanos;
    private final long afterFeedIsBehindNanos;
    private final LongPredicate feedIsCurrentAt;

    /**
     * @param afterFeedIsCurrent the bound for a change that no event announces (SQL outside
     *     Keyguard)
     * @param afterFeedIsBehind the bound while the feed is broken or behind; at most the former
     * @param feedIsCurrentAt whether the feed is current at a time of the cache's ticker (so the
     *     feed's health must read the same time source); asked only for entries between the two
     *     ages, with the time the cache read for the look-up: no second clock read per request
     */
    public Revalidation(
            Duration afterFeedIsCurrent,
            Duration afterFeedIsBehind,
            LongPredicate feedIsCurrentAt) {
        this.afterFeedIsCurrentNanos = afterFeedIsCurrent.toNanos();
        this.afterFeedIsBehindNanos =
                Math.min(afterFeedIsBehind.toNanos(), afterFeedIsCurrentNanos);
        this.feedIsCurrentAt = feedIsCurrentAt;
    }

    /** Always after {@code after}, with no feed to consult. */
    public static Revalidation every(Duration after) {
        return new Revalidation(after, after, now -> true);
    }

    /** Whether an entry of this age (nanoseconds) must be checked again at {@code now}. */
    boolean isDue(long ageNanos, long now) {
        return ageNanos >= afterFeedIsCurrentNanos
                || ageNanos >= afterFeedIsBehindNanos && !feedIsCurrentAt.test(now);
    }
}
