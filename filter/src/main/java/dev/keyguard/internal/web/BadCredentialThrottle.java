package dev.keyguard.internal.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts failed look-ups (well-formed keys with a valid checksum that are unknown, revoked or
 * expired) per client address group ({@link ClientAddress}) in fixed windows and blocks a group
 * that reaches the limit. A block never refuses a key that verifies: it turns the group's failures
 * into 429 instead of 401, and makes the group a "suspect" that may not take the reserve of the
 * node's look-up budget. Both maps are bounded Caffeine caches, so a flood of addresses cannot
 * exhaust memory (the oldest counters are evicted first). Thread-safe.
 *
 * <p>While no address is blocked, {@link #anyBlocked()} says so from one field, so a refused
 * request need not format its client address to look for a block (see BENCHMARKS.md).
 */
final class BadCredentialThrottle {

    /** Addresses tracked at once, in each of the two caches. */
    static final long MAX_ADDRESSES = 100_000;

    private final int maxFailures;
    private final long blockNanos;
    private final Ticker ticker;
    private final Cache<String, AtomicInteger> failures;
    private final Cache<String, Long> blockedUntil;

    /** Ticker time at which the last block ends; 0 if no address was ever blocked. */
    private final AtomicLong lastBlockEnds = new AtomicLong();

    /**
     * @param maxFailures invalid keys per window before blocking; 0 switches throttling off
     */
    BadCredentialThrottle(
            int maxFailures, Duration window, Duration block, Ticker ticker, Executor executor) {
        this.maxFailures = maxFailures;
        this.blockNanos = block.toNanos();
        this.ticker = ticker;
        this.failures =
                Caffeine.newBuilder()
                        .maximumSize(MAX_ADDRESSES)
                        .expireAfterWrite(window)
                        .ticker(ticker)
                        .executor(executor)
                        .build();
        this.blockedUntil =
                Caffeine.newBuilder()
                        .maximumSize(MAX_ADDRESSES)
                        .expireAfterWrite(block)
                        .ticker(ticker)
                        .executor(executor)
                        .build();
    }

    /**
     * @return false if no address is blocked now; true if one may be
     */
    boolean anyBlocked() {
        long ends = lastBlockEnds.get();
        return ends != 0 && ends - ticker.read() > 0;
    }

    /**
     * @return seconds the address stays blocked (at least 1), or 0 if it is not blocked
     */
    long blockedForSeconds(String address) {
        if (maxFailures == 0 || !anyBlocked()) {
            return 0;
        }
        Long until = blockedUntil.getIfPresent(address);
        if (until == null) {
            return 0;
        }
        long remaining = until - ticker.read();
        return remaining <= 0 ? 0 : Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }

    /**
     * @return whether the address failed within the window or is blocked: a client that may not
     *     take the reserve of the look-up budget
     */
    boolean isSuspect(String address) {
        return maxFailures != 0
                && (failures.getIfPresent(address) != null || blockedForSeconds(address) > 0);
    }

    /** Address groups blocked now, for metrics: a walk over the blocks, none while none is. */
    long blockedNow() {
        if (maxFailures == 0 || !anyBlocked()) {
            return 0;
        }
        long now = ticker.read();
        return blockedUntil.asMap().values().stream().filter(until -> until - now > 0).count();
    }

    /**
     * @return true if this failure blocks the address
     */
    boolean recordFailure(String address) {
        if (maxFailures == 0) {
            return false;
        }
        int count = failures.get(address, a -> new AtomicInteger()).incrementAndGet();
        if (count < maxFailures) {
            return false;
        }
        long until = ticker.read() + blockNanos;
        blockedUntil.put(address, until);
        lastBlockEnds.accumulateAndGet(until, (a, b) -> a == 0 || b - a > 0 ? b : a);
        failures.invalidate(address);
        return true;
    }
}
