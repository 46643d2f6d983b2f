package dev.keyguard.spi;

import dev.keyguard.Actor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where keys and their events live. Keyguard's own are the Hibernate store on the host's database
 * (the default) and {@link InMemoryKeyStore}; a host may pass its own to {@code
 * KeyguardConfig.Builder.store}. Keyguard puts its cache in front of it, so {@link #findByHash} is
 * called on a cache miss only.
 *
 * <p>Rules every implementation keeps (the contract suite checks them):
 *
 * <ul>
 *   <li><b>One organisation at a time.</b> Every method that touches an organisation's keys takes
 *       the organisation id and must never touch another's.
 *   <li><b>Events in the same transaction.</b> Every change ({@link #insertWithinLimit}, {@link
 *       #rotate}, {@link #revoke}) appends its events to the log ({@link KeyEventLog}) with the
 *       {@link Actor} that made it, atomically with the change: no change without its event, no
 *       event without its change. Other nodes learn of changes only through the log.
 *   <li><b>The limit under concurrency.</b> {@link #insertWithinLimit} and {@link #rotate} check
 *       the number of active keys and write under one lock per organisation that holds across every
 *       node sharing the store.
 *   <li><b>A key comes back as it was given</b>, its {@link dev.keyguard.ApiKey#scopes()} and
 *       {@link dev.keyguard.ApiKey#allowedIps()} included. A store written before restricted keys
 *       that builds keys with the constructor without them hands every key back unrestricted and
 *       usable from anywhere, whatever it was created with ({@code
 *       ApiKeyServiceContract.restrictionsSurviveEveryStoreOperation} in the test jar checks it).
 *   <li><b>Absent is empty, broken is an exception.</b> An unknown key is an empty result; a store
 *       that cannot be reached throws {@code KeyguardException} with reason {@code UNAVAILABLE},
 *       whose message never holds a hash.
 * </ul>
 *
 * Implementations are thread-safe.
 */
public interface KeyStore extends KeyEventLog, AutoCloseable {

    /**
     * Inserts the key if its organisation has fewer than {@code maxActive} keys that {@linkplain
     * StoredKey#countsTowardLimitAt count toward the limit} at {@code now}, and appends a {@code
     * created} event.
     *
     * @throws dev.keyguard.KeyguardException {@code KEY_LIMIT_REACHED} when at the limit
     */
    void insertWithinLimit(StoredKey key, int maxActive, Instant now, Actor actor);

    /** The organisation's keys that are not revoked (expired ones included), newest first. */
    List<StoredKey> listNotRevoked(String organisationId);

    /**
     * The key with this hash (64 lowercase hex characters), revoked or not, of any organisation.
     */
    Optional<StoredKey> findByHash(String hash);

    /**
     * Revokes the organisation's key with this id and appends a {@code revoked} event.
     *
     * @return the key as it is now, revoked; empty if there is no such key in the organisation or
     *     it was already revoked (then nothing is written)
     */
    Optional<StoredKey> revoke(String organisationId, String keyId, Instant now, Actor actor);

    /**
     * Rotates the organisation's key with this id, in one transaction under the same
     * per-organisation lock as {@link #insertWithinLimit}: inserts {@code replacementOf(old)},
     * marks the old key as replaced by it and moves its expiry to {@code retireAt} (never later
     * than it was); appends a {@code rotated} event for the old key and a {@code created} event for
     * the new one. A replaced key does not count toward {@code maxActive}.
     *
     * @param replacementOf makes the new key from the old one (same organisation); may be called
     *     more than once if the store retries the transaction; may throw a {@code
     *     KeyguardException}, which the store lets through having changed nothing
     * @return the old key as it is now, with its new expiry; empty if the organisation has no such
     *     key or it is revoked
     * @throws dev.keyguard.KeyguardException {@code NOT_ROTATABLE} if the old key has expired or is
     *     already replaced; {@code KEY_LIMIT_REACHED} when at the limit without it
     */
    Optional<StoredKey> rotate(
            String organisationId,
            String keyId,
            UnaryOperator<StoredKey> replacementOf,
            Instant retireAt,
            int maxActive,
            Instant now,
            Actor actor);

    /**
     * Records the last use of each key (by id) in one batch; never moves a time backwards, and
     * ignores ids it does not know. Writes no event.
     */
    void recordLastUsed(Map<String, Instant> lastUsedByKeyId);

    /**
     * Adds requests to the counts of (key, UTC day), in one transaction: a count that does not
     * exist yet starts at the number given. Several nodes add at once, so each add is atomic in the
     * store (an increment, never a read followed by a write). Writes no event.
     *
     * <p>The default does nothing, so that a store written before usage counts still compiles and
     * works: its keys then show no usage ({@link #usage} gives nothing).
     *
     * @param counts at most one per (key, day); the write-behind never passes an empty list
     */
    default void recordUsage(List<UsageCount> counts) {}

    /**
     * The requests counted for the organisation's key on each day from {@code from} to {@code to}
     * (both included), oldest first; days without a count are left out. Empty for a key of another
     * organisation, or one the store does not know.
     *
     * <p>The default returns an empty list (see {@link #recordUsage}).
     */
    default List<UsageCount> usage(
            String organisationId, String keyId, LocalDate from, LocalDate to) {
        return List.of();
    }

    /**
     * Deletes the counts of every day before {@code before}, of every key.
     *
     * <p>The default deletes nothing and returns 0 (see {@link #recordUsage}).
     *
     * @return the number of (key, day) counts deleted
     */
    default int purgeUsage(LocalDate before) {
        return 0;
    }

    /** Releases what the store holds (connections, sessions). */
    @Override
    void close();
}
