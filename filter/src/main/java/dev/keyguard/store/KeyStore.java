package dev.keyguard.store;

import dev.keyguard.Actor;
import dev.keyguard.key.KeyDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where keys live. Every method that touches an organisation's keys takes the organisation id and
 * filters by it in the query itself, so one organisation cannot reach another's keys.
 *
 * <p>Every change ({@link #insertWithinLimit}, {@link #rotate}, {@link #revoke}) is recorded in the
 * key-event log in the same transaction, with the {@link Actor} that made it.
 *
 * <p>Any failure to reach or query the database is a {@code KeyguardException} with reason
 * {@code UNAVAILABLE}; an absent key is an empty result, never an exception. Implementations are
 * thread-safe.
 */
public interface KeyStore extends AutoCloseable {

    /**
     * Inserts the key if its organisation has fewer than {@code maxActive} active keys at
     * {@code now}, checking and inserting under a per-organisation database lock so that racing
     * inserts on any number of nodes cannot exceed the limit.
     *
     * @throws dev.keyguard.KeyguardException {@code KEY_LIMIT_REACHED} when at the limit
     */
    void insertWithinLimit(StoredKey key, int maxActive, Instant now, Actor actor);

    /** The organisation's keys that are not revoked (expired ones included), newest first. */
    List<StoredKey> listNotRevoked(String organisationId);

    /** The key with this hash (64 lowercase hex characters), revoked or not. */
    Optional<StoredKey> findByHash(String hash);

    /** {@link #findByHash} for the hash as a digest, the form a cache in front keys it by. */
    default Optional<StoredKey> findByDigest(KeyDigest digest) {
        return findByHash(digest.hex());
    }

    /**
     * Revokes the organisation's key with this id.
     *
     * @return the key as it was before, or empty if there is no such key in the organisation or
     *     it was already revoked
     */
    Optional<StoredKey> revoke(String organisationId, String keyId, Instant now, Actor actor);

    /**
     * Rotates the organisation's key with this id, in one transaction under the same
     * per-organisation lock as {@link #insertWithinLimit}: inserts {@code replacementOf(old)},
     * marks the old key as replaced and moves its expiry to {@code retireAt} (never later than it
     * was). A key that is being replaced (retiring) does not count toward {@code maxActive}.
     *
     * @param replacementOf makes the new key from the old one (same organisation)
     * @return the old key as it is now, with its new expiry; empty if the organisation has no such
     *     key or it is revoked
     * @throws dev.keyguard.KeyguardException {@code NOT_ROTATABLE} if the old key has expired or
     *     is already being replaced; {@code KEY_LIMIT_REACHED} when at the limit without it
     */
    Optional<StoredKey> rotate(String organisationId, String keyId,
            UnaryOperator<StoredKey> replacementOf, Instant retireAt, int maxActive, Instant now,
            Actor actor);

    /** Records the last use of each key in one transaction; never moves a time backwards. */
    void recordLastUsed(Map<String, Instant> lastUsedByKeyId);

    @Override
    void close();
}
