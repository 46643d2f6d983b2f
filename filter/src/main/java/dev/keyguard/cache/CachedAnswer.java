package dev.keyguard.cache;

import dev.keyguard.store.StoredKey;
import java.time.Clock;
import java.util.Optional;

/**
 * What the store answered for one hash, and when it was last asked.
 *
 * @param key the stored key, or empty for "no such key"
 * @param checkedAt {@link com.github.benmanes.caffeine.cache.Ticker} time of the last attempt to
 *     ask the store
 * @param confirmed whether the store answered at {@code checkedAt}; false after a failed re-check,
 *     which must not extend the entry's life
 */
record CachedAnswer(Optional<StoredKey> key, long checkedAt, boolean confirmed) {

    boolean isRevoked() {
        return key.isPresent() && key.get().revokedAt() != null;
    }

    /** Only a key that still works can change in the store, so only that is asked again. */
    boolean needsRevalidation(long now, long revalidateAfterNanos, Clock clock) {
        return now - checkedAt >= revalidateAfterNanos && key.isPresent()
                && key.get().isActiveAt(clock.instant());
    }

    CachedAnswer retriedAt(long now) {
        return new CachedAnswer(key, now, false);
    }
}
