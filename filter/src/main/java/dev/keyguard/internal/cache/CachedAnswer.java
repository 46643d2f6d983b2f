package dev.keyguard.internal.cache;

import dev.keyguard.ApiKey;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.spi.StoredKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What the store answered for one hash, and when it was last asked. Immutable.
 *
 * @param key the stored key, or empty for "no such key"
 * @param principal the caller holding that key, made once when the answer is (so that a hit
 *     allocates none); {@code null} for "no such key", for a revoked key (no request needs it) and
 *     for a row a host's store returned without an id or an owner (nobody can hold that key)
 * @param checkedAt {@link com.github.benmanes.caffeine.cache.Ticker} time of the last attempt to
 *     ask the store
 * @param confirmedAt ticker time the store last gave this answer; a failed re-check moves {@code
 *     checkedAt} only, so it cannot extend how long the answer is served
 */
public record CachedAnswer(
        Optional<StoredKey> key, KeyguardPrincipal principal, long checkedAt, long confirmedAt) {

    /** An answer the store (or the key-event feed) gave at {@code now}. */
    static CachedAnswer confirmed(Optional<StoredKey> key, long now) {
        return new CachedAnswer(key, key.map(CachedAnswer::principalOf).orElse(null), now, now);
    }

    private static KeyguardPrincipal principalOf(StoredKey stored) {
        ApiKey key = stored.key();
        return stored.revokedAt() == null && key.id() != null && key.owner() != null
                ? KeyguardPrincipal.of(key)
                : null;
    }

    boolean isRevoked() {
        return key.isPresent() && key.get().revokedAt() != null;
    }

    /**
     * Of this answer and a freshly {@code loaded} one for the same hash, the one that grants less.
     * A key only ever loses access (revocation is permanent, rotation only moves the expiry
     * earlier), so the more restrictive answer is the newer truth, even when a load that started
     * before the change finishes after it.
     */
    CachedAnswer orMoreRestrictive(CachedAnswer loaded) {
        if (isRevoked() || key.isEmpty() || loaded.key.isEmpty()) {
            return isRevoked() ? this : loaded;
        }
        Instant mine = key.get().key().expiresAt();
        Instant theirs = loaded.key.get().key().expiresAt();
        boolean mineIsEarlier = mine != null && (theirs == null || mine.isBefore(theirs));
        return mineIsEarlier && !loaded.isRevoked() ? this : loaded;
    }

    /** Only a key that still works can change in the store, so only that is asked again. */
    boolean needsRevalidation(long now, Revalidation revalidation, Clock clock) {
        return key.isPresent()
                && revalidation.isDue(now - checkedAt, now)
                && key.get().isActiveAt(clock.instant());
    }

    CachedAnswer retriedAt(long now) {
        return new CachedAnswer(key, principal, now, confirmedAt);
    }
}
