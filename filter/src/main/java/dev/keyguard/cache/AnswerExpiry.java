package dev.keyguard.cache;

import com.github.benmanes.caffeine.cache.Expiry;
import dev.keyguard.store.StoredKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Lifetime of a cached answer: the TTL, cut short so that a valid key's entry ends at the key's
 * {@code expiresAt}. A failed re-check keeps the entry's remaining life instead of renewing it.
 * (The service also checks {@code expiresAt} on every hit, so this frees memory rather than
 * guarding correctness.)
 */
final class AnswerExpiry implements Expiry<String, CachedAnswer> {

    private final long ttlNanos;
    private final Clock clock;

    AnswerExpiry(Duration ttl, Clock clock) {
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
    }

    @Override
    public long expireAfterCreate(String hash, CachedAnswer answer, long currentTime) {
        if (answer.key().isEmpty()) {
            return ttlNanos;
        }
        StoredKey stored = answer.key().get();
        Instant now = clock.instant();
        Instant expiresAt = stored.key().expiresAt();
        if (expiresAt == null || !stored.isActiveAt(now)) {
            return ttlNanos;
        }
        Duration untilExpiry = Duration.between(now, expiresAt);
        return untilExpiry.toSeconds() >= ttlNanos / 1_000_000_000L ? ttlNanos
                : Math.max(0, untilExpiry.toNanos());
    }

    @Override
    public long expireAfterUpdate(String hash, CachedAnswer answer, long currentTime,
            long currentDuration) {
        return answer.confirmed() ? expireAfterCreate(hash, answer, currentTime) : currentDuration;
    }

    @Override
    public long expireAfterRead(String hash, CachedAnswer answer, long currentTime,
            long currentDuration) {
        return currentDuration;
    }
}
