package dev.keyguard.internal.store;

import dev.keyguard.Actor;
import dev.keyguard.KeyEvent;
import dev.keyguard.KeyguardException;
import dev.keyguard.internal.failure.Failures;
import dev.keyguard.spi.FeedEvent;
import dev.keyguard.spi.KeyStore;
import dev.keyguard.spi.StoredKey;
import dev.keyguard.spi.UsageCount;
import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.BatchSettings;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.cfg.ValidationSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hibernate-backed {@link KeyStore}, bootstrapped natively from a {@link DataSource} (no
 * persistence.xml). The schema belongs to Flyway ({@link SchemaMigrator}); Hibernate only maps it.
 *
 * <p>Design note on the key limit: "count, then insert" races, and {@code count(*) ... FOR UPDATE}
 * is refused by some databases and deadlocks on others when no row exists yet. Instead each
 * organisation has a row in {@code keyguard_organisation}, created if absent in a transaction of
 * its own, and every insert first locks that row with {@code SELECT ... FOR UPDATE}: inserts for
 * one organisation serialise on every database and across nodes. Deadlock and serialisation
 * failures are retried.
 *
 * <p>Every create, rotation and revocation appends its events to the key-event log ({@link
 * HibernateKeyEventLog#append}) in the same transaction, as its last write; the log's read side is
 * {@link HibernateKeyEventLog}, to which this class hands those calls.
 */
public final class HibernateKeyStore implements KeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(HibernateKeyStore.class);
    private static final int MAX_ATTEMPTS = 5;

    /**
     * {@code JdbcSettings.DATASOURCE}, deprecated by both 6.6 and 7 in favour of {@code
     * jakarta.persistence.nonJtaDataSource}, which the native bootstrap of 6.6 ignores: this one
     * both honour.
     */
    private static final String DATASOURCE = "hibernate.connection.datasource";

    private final SessionFactory sessions;
    private final Database database;
    private final HibernateKeyEventLog events;

    private HibernateKeyStore(SessionFactory sessions, Database database) {
        this.sessions = sessions;
        this.database = database;
        this.events = new HibernateKeyEventLog(sessions, database);
    }

    /**
     * Maps the Keyguard tables of an already migrated database.
     *
     * <p>Bootstrapped through {@link MetadataSources} and {@link StandardServiceRegistryBuilder},
     * which Hibernate ORM 6.6 and 7 both have, so that one jar runs on whichever the host has
     * (docs/compatibility.md); {@code HibernatePersistenceConfiguration}, the JPA 3.2 bootstrap, is
     * 7 only. Hibernate's connections are {@link MaskedStatementsDataSource masked}: 6.6 logs
     * statements with the values bound to them.
     *
     * @param settings extra Hibernate settings (e.g. statistics in tests); may be empty
     */
    public static HibernateKeyStore open(
            DataSource dataSource, Database database, Map<String, Object> settings) {
        StandardServiceRegistryBuilder builder = new StandardServiceRegistryBuilder();
        // The builder starts from the JVM's system properties and a hibernate.properties on the
        // class path: the host's settings for its own Hibernate (hbm2ddl.auto=create-drop, a
        // default schema, a connection provider) must never reach Keyguard's store.
        builder.getSettings().clear();
        StandardServiceRegistry registry =
                builder.applySetting(DATASOURCE, new MaskedStatementsDataSource(dataSource))
                        // Flyway owns the schema; Keyguard validates its input itself, so a Bean
                        // Validation API of the host's is neither needed nor used.
                        .applySetting(SchemaToolingSettings.HBM2DDL_AUTO, "none")
                        .applySetting(ValidationSettings.JAKARTA_VALIDATION_MODE, "none")
                        .applySetting(JdbcSettings.JDBC_TIME_ZONE, "UTC")
                        .applySetting(BatchSettings.STATEMENT_BATCH_SIZE, 50)
                        .applySettings(settings)
                        .build();
        try {
            SessionFactory sessions =
                    new MetadataSources(registry)
                            .addAnnotatedClass(ApiKeyEntity.class)
                            .addAnnotatedClass(OrganisationEntity.class)
                            .addAnnotatedClass(KeyEventEntity.class)
                            .buildMetadata()
                            .buildSessionFactory();
            return new HibernateKeyStore(sessions, database);
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /** The Hibernate session factory, for statistics in tests and benchmarks. */
    public SessionFactory sessionFactory() {
        return sessions;
    }

    @Override
    public void insertWithinLimit(StoredKey key, int maxActive, Instant now, Actor actor) {
        String organisationId = key.key().owner().organisationId();
        call(
                "insert",
                () -> {
                    while (!insertUnderOrganisationLock(key, maxActive, now, actor)) {
                        sessions.inTransaction(
                                session ->
                                        session.createNativeMutationQuery(
                                                        database.insertOrganisationIfAbsent())
                                                .setParameter(1, organisationId)
                                                .executeUpdate());
                    }
                    return null;
                });
    }

    /**
     * @return false if the organisation row does not exist yet (nothing was inserted)
     */
    private boolean insertUnderOrganisationLock(
            StoredKey key, int maxActive, Instant now, Actor actor) {
        String organisationId = key.key().owner().organisationId();
        return sessions.fromTransaction(
                session -> {
                    if (session.find(
                                    OrganisationEntity.class,
                                    organisationId,
                                    LockModeType.PESSIMISTIC_WRITE)
                            == null) {
                        return false;
                    }
                    if (countActive(session, organisationId, now) >= maxActive) {
                        throw KeyguardException.limitReached(maxActive);
                    }
                    checkNotTaken(session, key);
                    session.persist(ApiKeyEntity.from(key));
                    HibernateKeyEventLog.append(
                            session, key.id(), organisationId, KeyEvent.Type.CREATED, actor);
                    return true;
                });
    }

    /** Keys that count toward the limit: not revoked, not expired, not retiring by rotation. */
    private static long countActive(Session session, String organisationId, Instant now) {
        return session.createSelectionQuery(
                        "select count(k) from ApiKeyEntity k"
                                + " where k.organisationId = :org and k.revokedAt is null"
                                + " and k.replacedBy is null"
                                + " and (k.expiresAt is null or k.expiresAt > :now)",
                        Long.class)
                .setParameter("org", organisationId)
                .setParameter("now", now)
                .getSingleResult();
    }

    @Override
    public Optional<StoredKey> rotate(
            String organisationId,
            String keyId,
            UnaryOperator<StoredKey> replacementOf,
            Instant retireAt,
            int maxActive,
            Instant now,
            Actor actor) {
        return call(
                "rotate",
                () ->
                        sessions.fromTransaction(
                                session -> {
                                    if (session.find(
                                                    OrganisationEntity.class,
                                                    organisationId,
                                                    LockModeType.PESSIMISTIC_WRITE)
                                            == null) {
                                        return Optional.<StoredKey>empty();
                                    }
                                    ApiKeyEntity old =
                                            session.createSelectionQuery(
                                                            "from ApiKeyEntity k where k.id = :id"
                                                                + " and k.organisationId = :org and"
                                                                + " k.revokedAt is null",
                                                            ApiKeyEntity.class)
                                                    .setParameter("id", keyId)
                                                    .setParameter("org", organisationId)
                                                    .uniqueResult();
                                    if (old == null) {
                                        return Optional.<StoredKey>empty();
                                    }
                                    StoredKey oldKey = old.toStoredKey();
                                    if (oldKey.replacedBy() != null || !oldKey.isActiveAt(now)) {
                                        throw KeyguardException.notRotatable();
                                    }
                                    // The old key counts now and stops counting below: one out, one
                                    // in.
                                    if (countActive(session, organisationId, now) - 1
                                            >= maxActive) {
                                        throw KeyguardException.limitReached(maxActive);
                                    }
                                    StoredKey replacement = replacementOf.apply(oldKey);
                                    if (!replacement.organisationId().equals(organisationId)) {
                                        throw new IllegalArgumentException(
                                                "A replacement must be of the same"
                                                        + " organisation");
                                    }
                                    checkNotTaken(session, replacement);
                                    old.replacedBy = replacement.id();
                                    if (old.expiresAt == null || retireAt.isBefore(old.expiresAt)) {
                                        old.expiresAt = retireAt;
                                    }
                                    session.persist(ApiKeyEntity.from(replacement));
                                    HibernateKeyEventLog.append(
                                            session,
                                            old.id,
                                            organisationId,
                                            KeyEvent.Type.ROTATED,
                                            actor);
                                    HibernateKeyEventLog.append(
                                            session,
                                            replacement.id(),
                                            organisationId,
                                            KeyEvent.Type.CREATED,
                                            actor);
                                    return Optional.of(old.toStoredKey());
                                }));
    }

    /**
     * Refuses a key whose id or hash is already stored, before the INSERT: the database's own
     * unique-violation message quotes the value (H2 and PostgreSQL the whole statement, MariaDB
     * "Duplicate entry '...'"), and Hibernate and the drivers log that message. With random 120-bit
     * ids and 256-bit keys this only happens with a broken random source or a bug.
     */
    private static void checkNotTaken(Session session, StoredKey key) {
        long taken =
                session.createSelectionQuery(
                                "select count(k) from ApiKeyEntity k"
                                        + " where k.keyHash = :hash or k.id = :id",
                                Long.class)
                        .setParameter("hash", key.hash())
                        .setParameter("id", key.id())
                        .getSingleResult();
        if (taken > 0) {
            LOG.error(
                    "Keyguard refused to store key {}: its id or hash is already taken"
                            + " (is the random source broken?)",
                    key.key().keyPrefix());
            throw KeyguardException.unavailable(null);
        }
    }

    @Override
    public List<StoredKey> listNotRevoked(String organisationId) {
        return call(
                "list",
                () ->
                        sessions.fromStatelessTransaction(
                                session ->
                                        session
                                                .createSelectionQuery(
                                                        "from ApiKeyEntity k where k.organisationId"
                                                                + " = :org and k.revokedAt is null"
                                                                + " order by k.createdAt desc, k.id"
                                                                + " desc",
                                                        ApiKeyEntity.class)
                                                .setParameter("org", organisationId)
                                                .getResultList()
                                                .stream()
                                                .map(ApiKeyEntity::toStoredKey)
                                                .toList()));
    }

    @Override
    public Optional<StoredKey> findByHash(String hash) {
        return call(
                "find",
                () ->
                        sessions.fromStatelessTransaction(
                                session ->
                                        session.createSelectionQuery(
                                                        "from ApiKeyEntity k where k.keyHash ="
                                                                + " :hash",
                                                        ApiKeyEntity.class)
                                                .setParameter("hash", hash)
                                                .uniqueResultOptional()
                                                .map(ApiKeyEntity::toStoredKey)));
    }

    @Override
    public Optional<StoredKey> revoke(
            String organisationId, String keyId, Instant now, Actor actor) {
        return call(
                "revoke",
                () ->
                        sessions.fromTransaction(
                                session -> {
                                    int revoked =
                                            session.createMutationQuery(
                                                            "update ApiKeyEntity k set k.revokedAt"
                                                                    + " = :now where k.id = :id and"
                                                                    + " k.organisationId = :org and"
                                                                    + " k.revokedAt is null")
                                                    .setParameter("now", now)
                                                    .setParameter("id", keyId)
                                                    .setParameter("org", organisationId)
                                                    .executeUpdate();
                                    if (revoked == 0) {
                                        return Optional.<StoredKey>empty();
                                    }
                                    HibernateKeyEventLog.append(
                                            session,
                                            keyId,
                                            organisationId,
                                            KeyEvent.Type.REVOKED,
                                            actor);
                                    return Optional.of(
                                            session.find(ApiKeyEntity.class, keyId).toStoredKey());
                                }));
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsedByKeyId) {
        if (lastUsedByKeyId.isEmpty()) {
            return;
        }
        call(
                "record last use",
                () -> {
                    sessions.inTransaction(
                            session ->
                                    lastUsedByKeyId.forEach(
                                            (id, usedAt) ->
                                                    session.createMutationQuery(
                                                                    "update ApiKeyEntity k set"
                                                                        + " k.lastUsedAt = :usedAt"
                                                                        + " where k.id = :id and"
                                                                        + " (k.lastUsedAt is null"
                                                                        + " or k.lastUsedAt <"
                                                                        + " :usedAt)")
                                                            .setParameter("usedAt", usedAt)
                                                            .setParameter("id", id)
                                                            .executeUpdate()));
                    return null;
                });
    }

    /**
     * One JDBC batch of atomic increments in one transaction, in the order of (key, day) so that
     * two nodes flushing at once take their row locks in the same order and do not deadlock.
     */
    @Override
    public void recordUsage(List<UsageCount> counts) {
        if (counts.isEmpty()) {
            return;
        }
        List<UsageCount> ordered =
                counts.stream()
                        .sorted(
                                Comparator.comparing(UsageCount::keyId)
                                        .thenComparing(UsageCount::day))
                        .toList();
        call(
                "record usage",
                () -> {
                    sessions.inTransaction(
                            session ->
                                    session.doWork(
                                            connection -> {
                                                try (PreparedStatement add =
                                                        connection.prepareStatement(
                                                                database.addUsage())) {
                                                    for (UsageCount count : ordered) {
                                                        add.setString(1, count.keyId());
                                                        add.setObject(2, count.day());
                                                        add.setLong(3, count.requests());
                                                        add.addBatch();
                                                    }
                                                    add.executeBatch();
                                                }
                                            }));
                    return null;
                },
                database == Database.H2);
    }

    @Override
    public List<UsageCount> usage(
            String organisationId, String keyId, LocalDate from, LocalDate to) {
        return call(
                "read usage",
                () ->
                        sessions.fromStatelessTransaction(
                                session ->
                                        session.doReturningWork(
                                                connection ->
                                                        readUsage(
                                                                connection,
                                                                organisationId,
                                                                keyId,
                                                                from,
                                                                to))));
    }

    private static List<UsageCount> readUsage(
            Connection connection,
            String organisationId,
            String keyId,
            LocalDate from,
            LocalDate to)
            throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement(
                        "SELECT u.usage_day, u.requests FROM keyguard_key_usage u"
                                + " JOIN keyguard_api_key k ON k.id = u.key_id"
                                + " WHERE k.organisation_id = ? AND u.key_id = ?"
                                + " AND u.usage_day >= ? AND u.usage_day <= ?"
                                + " ORDER BY u.usage_day")) {
            select.setString(1, organisationId);
            select.setString(2, keyId);
            select.setObject(3, from);
            select.setObject(4, to);
            List<UsageCount> days = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    days.add(
                            new UsageCount(
                                    keyId, rows.getObject(1, LocalDate.class), rows.getLong(2)));
                }
            }
            return days;
        }
    }

    @Override
    public int purgeUsage(LocalDate before) {
        return call(
                "purge usage",
                () ->
                        sessions.fromTransaction(
                                session ->
                                        session.doReturningWork(
                                                connection -> {
                                                    try (PreparedStatement delete =
                                                            connection.prepareStatement(
                                                                    "DELETE FROM keyguard_key_usage"
                                                                        + " WHERE usage_day < ?")) {
                                                        delete.setObject(1, before);
                                                        return delete.executeUpdate();
                                                    }
                                                })));
    }

    @Override
    public Bounds bounds() {
        return events.bounds();
    }

    @Override
    public Set<Long> idsBetween(long afterId, long upToId) {
        return events.idsBetween(afterId, upToId);
    }

    @Override
    public List<FeedEvent> read(long afterId, Collection<Long> alsoIds, int limit) {
        return events.read(afterId, alsoIds, limit);
    }

    @Override
    public int prune(Duration retention) {
        return events.prune(retention);
    }

    @Override
    public List<KeyEvent> newestFirst(String organisationId, AuditPosition olderThan, int limit) {
        return events.newestFirst(organisationId, olderThan, limit);
    }

    @Override
    public void close() {
        sessions.close();
    }

    /**
     * Runs one unit of work, retrying deadlocks and serialisation failures, and turns every other
     * database failure into {@code UNAVAILABLE}: the caller could not check, which is not the same
     * as "no such key".
     */
    private <T> T call(String operation, Supplier<T> work) {
        return call(operation, work, false);
    }

    /**
     * @param duplicatesToo retry a unique violation as well: H2's {@code MERGE} of usage counts
     *     meets one when two sessions insert the same new (key, day) at once, and the retry then
     *     finds the row and adds to it
     */
    private <T> T call(String operation, Supplier<T> work, boolean duplicatesToo) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (KeyguardException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt < MAX_ATTEMPTS
                        && (isRetryable(e) || duplicatesToo && isUniqueViolation(e))) {
                    LOG.debug("Keyguard {}: retrying after {}", operation, e.toString());
                    pause(attempt);
                    continue;
                }
                LOG.warn(
                        "Keyguard {} failed: the key store is unavailable ({})",
                        operation,
                        Failures.describe(e));
                throw KeyguardException.unavailable(e);
            }
        }
    }

    /** Deadlock, serialisation failure or lock time-out: SQLSTATE class 40, or H2's HYT00. */
    private static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("40") || state.equals("HYT00");
            }
        }
        return false;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().equals("23505");
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KeyguardException.unavailable(e);
        }
    }
}
