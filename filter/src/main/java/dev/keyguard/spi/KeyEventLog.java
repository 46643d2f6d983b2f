package dev.keyguard.spi;

import dev.keyguard.KeyEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The read side of the key-event log: one entry per change of a key, appended by the {@link
 * KeyStore} in the same transaction as the change, with an id and a time the store gives. Nodes
 * follow it to drop stale cache entries; the admin API reads it as the audit trail. It is part of
 * {@link KeyStore}; it stands apart only so that a node's follower can be tested against a log
 * alone.
 *
 * <p>Ids grow, but need not become visible in id order: a transaction can take an id and commit
 * after one that took a higher id, and a rolled-back transaction leaves a hole. Keyguard's follower
 * therefore looks again at the ids it skipped, for a minute.
 *
 * <p>Every method throws {@code KeyguardException} with reason {@code UNAVAILABLE} when the store
 * cannot be reached. Implementations are thread-safe.
 */
public interface KeyEventLog {

    /** The lowest and the highest event id now; both 0 while the log is empty. */
    Bounds bounds();

    /** Of the ids above {@code afterId} up to {@code upToId}, those that exist (are committed). */
    Set<Long> idsBetween(long afterId, long upToId);

    /**
     * The events with an id above {@code afterId} or in {@code alsoIds}, in id order, at most
     * {@code limit}, each with its key's row as it is now (read together with the event).
     */
    List<FeedEvent> read(long afterId, Collection<Long> alsoIds, int limit);

    /**
     * Deletes the events older than {@code retention} by the store's clock, always keeping the
     * newest event (so that the log's high-water mark survives).
     *
     * @return how many were deleted
     */
    int prune(Duration retention);

    /**
     * An organisation's events, newest first: ordered by time, then key id, then type, all
     * descending (unique per organisation, so pages neither skip nor repeat).
     *
     * @param olderThan the position of the last event of the previous page, or {@code null}
     */
    List<KeyEvent> newestFirst(String organisationId, AuditPosition olderThan, int limit);

    /** The lowest and the highest id of the log. */
    record Bounds(long lowest, long highest) {}

    /** Where an event stands in an organisation's audit trail. */
    record AuditPosition(Instant occurredAt, String keyId, KeyEvent.Type type) {

        /** The position of an event of the trail, e.g. the last of a page. */
        public static AuditPosition of(KeyEvent event) {
            return new AuditPosition(event.occurredAt(), event.keyId(), event.type());
        }
    }
}
