package dev.keyguard.internal.cache;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * When a cached valid key is checked against the store again: once older than {@code
 * afterFeedIsCurrent} while the key-event feed says it is current, and already once older than
 * {@code afterFeedIsBehind} while it is not (a node that cannot follow the event log falls back to
 * asking the store). Immutable.
 */
public final class Revalidation {

    private final long afterFeedIsCurrentNanos;
    private final long afterFeedIsBehindNanos;
    private final BooleanSupplier feedIsCurrent;

    /**
     * @param afterFeedIsCurrent the bound for a change that no event announces (SQL outside
     *     Keyguard)
     * @param afterFeedIsBehind the bound while the feed is broken or behind; at most the former
     * @param feedIsCurrent whether the feed is current; asked only for entries between the two ages
     */
    public Revalidation(
            Duration afterFeedIsCurrent,
            Duration afterFeedIsBehind,
            BooleanSupplier feedIsCurrent) {
        this.afterFeedIsCurrentNanos = afterFeedIsCurrent.toNanos();
        this.afterFeedIsBehindNanos =
                Math.min(afterFeedIsBehind.toNanos(), afterFeedIsCurrentNanos);
        this.feedIsCurrent = feedIsCurrent;
    }

    /** Always after {@code after}, with no feed to consult. */
    public static Revalidation every(Duration after) {
        return new Revalidation(after, after, () -> true);
    }

    /** Whether an entry of this age (nanoseconds) must be checked again. */
    boolean isDue(long ageNanos) {
        return ageNanos >= afterFeedIsCurrentNanos
                || ageNanos >= afterFeedIsBehindNanos && !feedIsCurrent.getAsBoolean();
    }
}
