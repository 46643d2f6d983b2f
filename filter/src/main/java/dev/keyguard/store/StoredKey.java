package dev.keyguard.store;

import dev.keyguard.ApiKey;
import java.time.Instant;

/**
 * A key as the store holds it: its metadata, the SHA-256 of the secret, and when it was revoked.
 *
 * @param key the metadata
 * @param hash SHA-256 hex of the raw key; never logged in full
 * @param revokedAt when the key was revoked, or {@code null}
 */
public record StoredKey(ApiKey key, String hash, Instant revokedAt) {

    public String id() {
        return key.id();
    }

    /** Not revoked and not expired at {@code now}. */
    public boolean isActiveAt(Instant now) {
        return revokedAt == null && !key.isExpiredAt(now);
    }
}
