package dev.keyguard;

import java.time.Instant;

/**
 * What may be shown of a stored key: everything but its secret. Timestamps are UTC instants with
 * millisecond precision.
 *
 * @param id opaque, URL-safe id
 * @param name display name
 * @param keyPrefix the first characters of the key (prefix plus ten hex), for recognising it
 * @param owner organisation and creating user
 * @param createdAt when the key was created
 * @param expiresAt when the key stops working, or {@code null} for never
 * @param lastUsedAt the last recorded use, or {@code null}; written behind, so a few seconds late
 */
public record ApiKey(
        String id,
        String name,
        String keyPrefix,
        KeyOwner owner,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt) {

    /** Whether the key has expired at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
