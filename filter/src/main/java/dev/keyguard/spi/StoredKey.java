package dev.keyguard.spi;

import dev.keyguard.ApiKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A key as a store holds it: its metadata, the SHA-256 of the secret, when it was revoked, and the
 * key that replaced it in a rotation. {@link #toString()} leaves the hash out. Immutable.
 *
 * @param key the metadata
 * @param hash SHA-256 hex (64 lowercase characters) of the raw key; never logged
 * @param revokedAt when the key was revoked, or {@code null}
 * @param replacedBy the id of the key that replaced this one in a rotation, or {@code null}; a
 *     replaced key is retiring: it works until its {@code expiresAt} but no longer counts toward
 *     the limit of active keys, and cannot be rotated again
 */
public record StoredKey(ApiKey key, String hash, Instant revokedAt, String replacedBy) {

    public StoredKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(hash, "hash");
    }

    /** A key that is neither revoked nor replaced. */
    public static StoredKey of(ApiKey key, String hash) {
        return new StoredKey(key, hash, null, null);
    }

    /** The key's id, {@code key().id()}. */
    public String id() {
        return key.id();
    }

    /** The key's organisation, {@code key().owner().organisationId()}. */
    public String organisationId() {
        return key.owner().organisationId();
    }

    /** Not revoked and not expired at {@code now}. */
    public boolean isActiveAt(Instant now) {
        return revokedAt == null && !key.isExpiredAt(now);
    }

    /** Whether it counts toward the organisation's limit of active keys at {@code now}. */
    public boolean countsTowardLimitAt(Instant now) {
        return replacedBy == null && isActiveAt(now);
    }

    /** This key, revoked at {@code at}. */
    public StoredKey revoked(Instant at) {
        return new StoredKey(key, hash, at, replacedBy);
    }

    @Override
    public String toString() {
        return "StoredKey[key="
                + key
                + ", hash=<redacted>, revokedAt="
                + revokedAt
                + ", replacedBy="
                + replacedBy
                + "]";
    }
}
