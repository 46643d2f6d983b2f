package dev.keyguard.cache;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * When a cached valid key is checked against the store again: after {@code afterFeedIsCurrent}
 * while the key-event feed says it is current, and already after {@code afterFeedIsBehind} while
 * it is not (a node that cannot follow the event log falls back to asking the store).
 *
 * @param afterFeedIsCurrent the bound for a change that no event announces (SQL outside Keyguard)
 * @param afterFeedIsBehind the bound while the feed is broken or behind
 * @param feedIsCurrent whether the feed is current; asked only for entries between the two ages
 */
public record Revalidation(Duration afterFeedIsCurrent, Duration afterFeedIsBehind,
        BooleanSupplier feedIsCurrent) {

    public Revalidation {
        if (afterFeedIsBehind.compareTo(afterFeedIsCurrent) > 0) {
            afterFeedIsBehind = afterFeedIsCurrent;
        }
    }

    /** Always after {@code after}, with no feed to consult. */
    public static Revalidation every(Duration after) {
        return new Revalidation(after, after, () -> true);
    }

    /** Whether an entry of this age (nanoseconds) must be checked again. */
    boolean isDue(long ageNanos) {
        if (ageNanos >= afterFeedIsCurrent.toNanos()) {
            return true;
        }
        return ageNanos >= afterFeedIsBehind.toNanos() && !feedIsCurrent.getAsBoolean();
    }
}
