package dev.keyguard.internal.store;

import dev.keyguard.Actor;
import dev.keyguard.KeyEvent;
import dev.keyguard.KeyguardException;
import dev.keyguard.internal.failure.Failures;
import dev.keyguard.spi.FeedEvent;
import dev.keyguard.spi.KeyEventLog.AuditPosition;
import dev.keyguard.spi.KeyEventLog.Bounds;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.query.SelectionQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-event log on the tables that {@link HibernateKeyStore} maps: {@link #append} is how the
 * store writes an event inside its own transactions, and the rest is the log's read side, which the
 * store hands here.
 */
final class HibernateKeyEventLog {

    private static final Logger LOG = LoggerFactory.getLogger(HibernateKeyEventLog.class);
    private static final String INSERT =
            "INSERT INTO keyguard_key_event"
                    + " (key_id, organisation_id, type, actor_key_id, actor_user_id)"
                    + " VALUES (?, ?, ?, ?, ?)";

    private static final String NEWEST_ID = "SELECT MAX(id) FROM keyguard_key_event";

    private final SessionFactory sessions;
    private final Database database;

    HibernateKeyEventLog(SessionFactory sessions, Database database) {
        this.sessions = sessions;
        this.database = database;
    }

    /**
     * Writes one event in the session's transaction, after flushing the session's pending changes:
     * the event row is the transaction's last write, so its id is taken just before the commit and
     * the window in which a lower id can still commit is short.
     */
    static void append(
            Session session, String keyId, String organisationId, KeyEvent.Type type, Actor actor) {
        session.flush();
        session.createNativeMutationQuery(INSERT)
                .setParameter(1, keyId, String.class)
                .setParameter(2, organisationId, String.class)
                .setParameter(3, type.code(), String.class)
                .setParameter(4, actor.keyId(), String.class)
                .setParameter(5, actor.userId(), String.class)
                .executeUpdate();
    }

    Bounds bounds() {
        return call(
                () ->
                        sessions.fromStatelessTransaction(
                                session -> {
                                    Object[] row =
                                            session.createSelectionQuery(
                                                            "select coalesce(min(e.id), 0),"
                                                                    + " coalesce(max(e.id), 0) from"
                                                                    + " KeyEventEntity e",
                                                            Object[].class)
                                                    .getSingleResult();
                                    return new Bounds(
                                            ((Number) row[0]).longValue(),
                                            ((Number) row[1]).longValue());
                                }));
    }

    Set<Long> idsBetween(long afterId, long upToId) {
        return call(
                () ->
                        sessions.fromStatelessTransaction(
                                session ->
                                        new HashSet<>(
                                                session.createSelectionQuery(
                                                                "select e.id from KeyEventEntity e"
                                                                        + " where e.id > :after and"
                                                                        + " e.id <= :upTo",
                                                                Long.class)
                                                        .setParameter("after", afterId)
                                                        .setParameter("upTo", upToId)
                                                        .getResultList())));
    }

    /**
     * The follower calls this every poll interval, and almost always nothing is new: then one
     * index-only statement answers ({@link #newestId}), and only news costs the full query.
     */
    List<FeedEvent> read(long afterId, Collection<Long> alsoIds, int limit) {
        if (alsoIds.isEmpty() && newestId() <= afterId) {
            return List.of();
        }
        String where = alsoIds.isEmpty() ? "e.id > :after" : "(e.id > :after or e.id in :also)";
        return call(
                () ->
                        sessions.fromStatelessTransaction(
                                session -> {
                                    SelectionQuery<Object[]> query =
                                            session.createSelectionQuery(
                                                            "select e, k from KeyEventEntity e left"
                                                                + " join ApiKeyEntity k on k.id ="
                                                                + " e.keyId where "
                                                                    + where
                                                                    + " order by e.id",
                                                            Object[].class)
                                                    .setParameter("after", afterId)
                                                    .setMaxResults(limit);
                                    if (!alsoIds.isEmpty()) {
                                        query.setParameterList("also", alsoIds);
                                    }
                                    List<FeedEvent> events = new ArrayList<>();
                                    for (Object[] row : query.getResultList()) {
                                        KeyEventEntity event = (KeyEventEntity) row[0];
                                        ApiKeyEntity key = (ApiKeyEntity) row[1];
                                        events.add(
                                                new FeedEvent(
                                                        event.id,
                                                        KeyEvent.Type.ofCode(event.type),
                                                        event.keyId,
                                                        key == null ? null : key.toStoredKey()));
                                    }
                                    return events;
                                }));
    }

    /**
     * The highest event id now (0 while the log is empty), by one statement outside any
     * transaction: {@code MAX} of the primary key, which each database answers from the end of the
     * index (MariaDB: "Select tables optimized away"). On a connection the host's pool hands out
     * with auto-commit off, the read transaction is ended at once, so that no snapshot outlives it.
     */
    private long newestId() {
        return call(
                () -> {
                    try (StatelessSession session = sessions.openStatelessSession()) {
                        return session.doReturningWork(
                                connection -> {
                                    long newest;
                                    try (PreparedStatement statement =
                                                    connection.prepareStatement(NEWEST_ID);
                                            ResultSet row = statement.executeQuery()) {
                                        row.next();
                                        newest = row.getLong(1);
                                    }
                                    if (!connection.getAutoCommit()) {
                                        connection.rollback();
                                    }
                                    return newest;
                                });
                    }
                });
    }

    int prune(Duration retention) {
        return call(
                () -> {
                    long newest = bounds().highest();
                    return sessions.fromTransaction(
                            session ->
                                    session.createNativeMutationQuery(
                                                    database.deleteEventsOlderThan())
                                            .setParameter(1, retention.toSeconds())
                                            .setParameter(2, newest)
                                            .executeUpdate());
                });
    }

    List<KeyEvent> newestFirst(String organisationId, AuditPosition olderThan, int limit) {
        String after =
                olderThan == null
                        ? ""
                        : " and (e.occurredAt < :at or (e.occurredAt = :at"
                                + " and (e.keyId < :key or (e.keyId = :key and e.type < :type))))";
        try {
            return call(
                    () ->
                            sessions.fromStatelessTransaction(
                                    session -> {
                                        SelectionQuery<Object[]> query =
                                                session.createSelectionQuery(
                                                                "select e, k.name, k.keyPrefix from"
                                                                    + " KeyEventEntity e left join"
                                                                    + " ApiKeyEntity k on k.id ="
                                                                    + " e.keyId where"
                                                                    + " e.organisationId = :org"
                                                                        + after
                                                                        + " order by e.occurredAt"
                                                                        + " desc, e.keyId desc,"
                                                                        + " e.type desc",
                                                                Object[].class)
                                                        .setParameter("org", organisationId)
                                                        .setMaxResults(limit);
                                        if (olderThan != null) {
                                            query.setParameter("at", olderThan.occurredAt())
                                                    .setParameter("key", olderThan.keyId())
                                                    .setParameter("type", olderThan.type().code());
                                        }
                                        return query.getResultList().stream()
                                                .map(
                                                        row ->
                                                                ((KeyEventEntity) row[0])
                                                                        .toEvent(
                                                                                (String) row[1],
                                                                                (String) row[2]))
                                                .toList();
                                    }));
        } catch (KeyguardException e) {
            LOG.warn(
                    "Keyguard could not read the audit trail: the key store is unavailable ({})",
                    Failures.describe(e.getCause()));
            throw e;
        }
    }

    /** Every database failure is UNAVAILABLE; callers decide what to log. */
    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (KeyguardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw KeyguardException.unavailable(e);
        }
    }
}
