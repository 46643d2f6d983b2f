package dev.keyguard.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts invalid keys per client address in fixed windows and blocks an address that reaches the
 * limit. Both maps are bounded Caffeine caches, so a flood of addresses cannot exhaust memory
 * (the oldest counters are evicted first). Thread-safe.
 */
final class BadCredentialThrottle {

    /** Addresses tracked at once, in each of the two caches. */
    static final long MAX_ADDRESSES = 100_000;

    private final int maxFailures;
    private final long blockNanos;
    private final Ticker ticker;
    private final Cache<String, AtomicInteger> failures;
    private final Cache<String, Long> blockedUntil;

    /** @param maxFailures invalid keys per window before blocking; 0 switches throttling off */
    BadCredentialThrottle(int maxFailures, Duration window, Duration block, Ticker ticker,
            Executor executor) {
        this.maxFailures = maxFailures;
        this.blockNanos = block.toNanos();
        this.ticker = ticker;
        this.failures = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES)
                .expireAfterWrite(window).ticker(ticker).executor(executor).build();
        this.blockedUntil = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES)
                .expireAfterWrite(block).ticker(ticker).executor(executor).build();
    }

    /** @return seconds the address stays blocked (at least 1), or 0 if it is not blocked */
    long blockedForSeconds(String address) {
        if (maxFailures == 0) {
            return 0;
        }
        Long until = blockedUntil.getIfPresent(address);
        if (until == null) {
            return 0;
        }
        long remaining = until - ticker.read();
        return remaining <= 0 ? 0 : Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }

    /** @return true if this failure blocks the address */
    boolean recordFailure(String address) {
        if (maxFailures == 0) {
            return false;
        }
        int count = failures.get(address, a -> new AtomicInteger()).incrementAndGet();
        if (count < maxFailures) {
            return false;
        }
        blockedUntil.put(address, ticker.read() + blockNanos);
        failures.invalidate(address);
        return true;
    }
}
