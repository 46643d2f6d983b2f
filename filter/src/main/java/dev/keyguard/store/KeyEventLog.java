package dev.keyguard.store;

import dev.keyguard.KeyEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The key-event log: one row per change of a key, written by the {@link KeyStore} in the same
 * transaction as the change, with an id and a time from the database. Nodes follow it to drop
 * stale cache entries; the Admin API reads it as the audit trail.
 *
 * <p>Ids grow, but not in commit order: a transaction can take an id and commit after one that
 * took a higher id, and a rolled-back transaction leaves a hole. Readers that follow the log by
 * id must therefore look again at the ids they skipped (see {@code dev.keyguard.events}).
 *
 * <p>Every method throws {@code KeyguardException} with reason {@code UNAVAILABLE} when the
 * database cannot be reached. Implementations are thread-safe.
 */
public interface KeyEventLog {

    /** The highest event id, or 0 while the log is empty. */
    long highWaterMark();

    /** The lowest and the highest event id now; both 0 while the log is empty. */
    Bounds bounds();

    /** Of the ids above {@code afterId} up to {@code upToId}, those that exist (are committed). */
    Set<Long> idsBetween(long afterId, long upToId);

    /**
     * The events with an id above {@code afterId} or in {@code alsoIds}, in id order, at most
     * {@code limit}, each with its key's row as it is now (read in the same statement).
     */
    List<FeedEvent> read(long afterId, Collection<Long> alsoIds, int limit);

    /**
     * Deletes the events older than {@code retention} by the database server's clock, always
     * keeping the newest event (so that the log's high-water mark survives).
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
    record Bounds(long lowest, long highest) {
    }

    /** Where an event stands in an organisation's audit trail. */
    record AuditPosition(java.time.Instant occurredAt, String keyId, KeyEvent.Type type) {

        public static AuditPosition of(KeyEvent event) {
            return new AuditPosition(event.occurredAt(), event.keyId(), event.type());
        }
    }
}
