package dev.keyguard.internal.lookup;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One node's budget of store look-ups for keys that the cache cannot answer: on average {@code
 * perSecond}, at most {@code burst} at once. A look-up whose key turns out valid is given back, so
 * the budget is spent only on keys that are unknown, revoked or expired: a flood of such keys from
 * any number of addresses cannot take the connection pool, and a miss beyond the budget is answered
 * at once instead of queueing for a connection. Thread-safe and lock-free.
 *
 * <p>Design note. A token bucket in the form of the generic cell rate algorithm: one {@code
 * AtomicLong} holds the time at which the bucket will be full again; taking a look-up moves it one
 * interval later, if that stays within the burst. Clients with recent failures ("suspects") may
 * take only from the part above a reserve of half the burst, so that while a flood drains the
 * budget, clients without failures still find look-ups. A flood from many fresh addresses can empty
 * the reserve too; that is the bound, and cached keys never need the budget.
 */
public final class LookupBudget {

    private final long interval;
    private final long capacity;
    private final long suspectCapacity;
    private final Ticker ticker;

    /** Ticker time at which every look-up is available again (the "theoretical arrival time"). */
    private final AtomicLong full;

    /**
     * @param perSecond look-ups per second on average; {@code 0} for no budget (every look-up is
     *     allowed)
     * @param burst look-ups available at once, at least 2
     */
    public LookupBudget(int perSecond, int burst, Ticker ticker) {
        this.ticker = ticker;
        this.interval = perSecond == 0 ? 0 : Math.max(1, 1_000_000_000L / perSecond);
        this.capacity = interval * burst;
        this.suspectCapacity = interval * (burst - burst / 2);
        this.full = new AtomicLong(ticker.read());
    }

    /**
     * Takes one look-up if the budget has one.
     *
     * @param suspect whether the client has failed recently: it may not take the reserve
     * @return whether the look-up may go to the store
     */
    public boolean tryTake(boolean suspect) {
        if (interval == 0) {
            return true;
        }
        long limit = suspect ? suspectCapacity : capacity;
        while (true) {
            long now = ticker.read();
            long current = full.get();
            long next = (current - now > 0 ? current : now) + interval;
            if (next - now > limit) {
                return false;
            }
            if (full.compareAndSet(current, next)) {
                return true;
            }
        }
    }

    /** Gives back a look-up whose key turned out valid: valid keys do not spend the budget. */
    public void giveBack() {
        if (interval != 0) {
            full.addAndGet(-interval);
        }
    }
}
