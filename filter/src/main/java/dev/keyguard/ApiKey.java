package dev.keyguard;

import java.time.Instant;
import java.util.Objects;

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
 * @param scopes what the key may do
 * @param allowedIps where the key may be used from
 */
public record ApiKey(
        String id,
        String name,
        String keyPrefix,
        KeyOwner owner,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Scopes scopes,
        IpAllowlist allowedIps) {

    public ApiKey {
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(allowedIps, "allowedIps");
    }

    /** An unrestricted key: every scope, from anywhere. */
    public ApiKey(
            String id,
            String name,
            String keyPrefix,
            KeyOwner owner,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt) {
        this(
                id,
                name,
                keyPrefix,
                owner,
                createdAt,
                expiresAt,
                lastUsedAt,
                Scopes.unrestricted(),
                IpAllowlist.anywhere());
    }

    /** This key with another expiry. */
    public ApiKey withExpiresAt(Instant newExpiresAt) {
        return new ApiKey(
                id,
                name,
                keyPrefix,
                owner,
                createdAt,
                newExpiresAt,
                lastUsedAt,
                scopes,
                allowedIps);
    }

    /** This key with another last use. */
    public ApiKey withLastUsedAt(Instant newLastUsedAt) {
        return new ApiKey(
                id,
                name,
                keyPrefix,
                owner,
                createdAt,
                expiresAt,
                newLastUsedAt,
                scopes,
                allowedIps);
    }

    /** Whether the key has expired at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
