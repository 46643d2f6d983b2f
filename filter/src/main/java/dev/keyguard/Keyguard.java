package dev.keyguard;

import com.github.benmanes.caffeine.cache.Ticker;
import com.zaxxer.hikari.HikariDataSource;
import dev.keyguard.cache.CachingKeyStore;
import dev.keyguard.cache.Revalidation;
import dev.keyguard.events.FeedHealth;
import dev.keyguard.events.KeyEventFollower;
import dev.keyguard.key.KeyDigest;
import dev.keyguard.store.Database;
import dev.keyguard.store.DataSources;
import dev.keyguard.store.HibernateKeyEventLog;
import dev.keyguard.store.HibernateKeyStore;
import dev.keyguard.store.KeyEventLog;
import dev.keyguard.store.KeyStore;
import dev.keyguard.store.SchemaMigrator;
import dev.keyguard.usage.LastUsedWriteBehind;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Keyguard: its database, schema, store (behind the verification cache),
 * {@link ApiKeyService}, the write-behind of {@code lastUsedAt}, and the follower of the key-event
 * log that brings changes made on other nodes into the cache. A host may run several side by side
 * (nothing is static). Start it once, share it, and {@link #close()} it on shutdown. Thread-safe.
 */
public final class Keyguard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Keyguard.class);

    private final KeyguardConfig config;
    private final HikariDataSource ownedPool;
    private final DataSource dataSource;
    private final HibernateKeyStore hibernateStore;
    private final CachingKeyStore store;
    private final ApiKeyService service;
    private final LastUsedWriteBehind lastUsed;
    private final HibernateKeyEventLog eventLog;
    private final KeyEventFollower follower;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Keyguard(KeyguardConfig config, HikariDataSource ownedPool, DataSource dataSource,
            Database database, HibernateKeyStore hibernateStore) {
        this.config = config;
        this.ownedPool = ownedPool;
        this.dataSource = dataSource;
        this.hibernateStore = hibernateStore;
        // Threads are named after this instance: two Keyguards in one JVM can be told apart.
        String instance = Integer.toHexString(System.identityHashCode(this));
        this.eventLog = new HibernateKeyEventLog(hibernateStore, database);
        // The feed's health is real time: it says whether the follower's thread read the log.
        FeedHealth feedHealth = new FeedHealth(Ticker.systemTicker(),
                config.eventsPollInterval().multipliedBy(3));
        this.store = new CachingKeyStore(hibernateStore, config.cacheMaximumSize(),
                config.cacheTtl(), new Revalidation(config.cacheRevalidateAfter(),
                        config.eventsPollInterval(), feedHealth::isCurrent),
                config.clock(), config.ticker(), config.cacheExecutor());
        this.service = new ApiKeyService(store, eventLog, config.keyFormat(), config.clock(),
                new SecureRandom());
        this.lastUsed = LastUsedWriteBehind.start(service::recordLastUsed,
                config.lastUsedFlushInterval(), "keyguard-last-used-flush-" + instance);
        this.follower = KeyEventFollower.start(eventLog, store, feedHealth,
                config.eventsPollInterval(), config.eventsRetention(),
                listenConnection(config, database, ownedPool, dataSource),
                "keyguard-key-events-" + instance);
    }

    /**
     * Where the follower's LISTEN connection comes from on PostgreSQL: a connection of its own
     * beside the pool Keyguard made (so the pool keeps all its connections; opening it gives up
     * after 5 s, since the follower's thread waits for it), or one borrowed for good from the
     * host's DataSource. {@code null} for polling only.
     */
    private static Callable<Connection> listenConnection(KeyguardConfig config, Database database,
            HikariDataSource ownedPool, DataSource dataSource) {
        if (database != Database.POSTGRESQL || !config.eventsListen()) {
            return null;
        }
        if (ownedPool != null) {
            return () -> {
                Properties properties = new Properties();
                if (ownedPool.getUsername() != null) {
                    properties.setProperty("user", ownedPool.getUsername());
                }
                if (ownedPool.getPassword() != null) {
                    properties.setProperty("password", ownedPool.getPassword());
                }
                properties.setProperty("connectTimeout", "5");
                properties.setProperty("loginTimeout", "5");
                properties.setProperty("tcpKeepAlive", "true");
                return DriverManager.getConnection(ownedPool.getJdbcUrl(), properties);
            };
        }
        return dataSource::getConnection;
    }

    /**
     * Connects to the configured database, applies the schema migrations unless switched off,
     * maps the store and starts the {@code lastUsedAt} flush thread.
     *
     * @throws IllegalStateException if the database cannot be reached or is not supported
     */
    public static Keyguard start(KeyguardConfig config) {
        HikariDataSource ownedPool = null;
        DataSource dataSource = config.dataSource();
        if (dataSource == null && config.jndiName() != null) {
            dataSource = DataSources.fromJndi(config.jndiName());
        } else if (dataSource == null) {
            ownedPool = config.jdbcUrl() != null
                    ? DataSources.pooled(config.jdbcUrl(), config.jdbcUser(),
                            config.jdbcPassword(), config.poolSize())
                    : DataSources.embeddedH2(config.dataDir(), config.poolSize());
            dataSource = ownedPool;
        }
        try {
            Database database = detect(dataSource);
            if (config.autoMigrate()) {
                SchemaMigrator.migrate(dataSource, database);
            }
            DataSource storeSource = ownedPool != null ? DataSources.forStore(ownedPool)
                    : dataSource;
            return new Keyguard(config, ownedPool, dataSource, database,
                    HibernateKeyStore.open(storeSource, database, config.hibernateSettings()));
        } catch (SQLException | RuntimeException e) {
            if (ownedPool != null) {
                ownedPool.close();
            }
            throw new IllegalStateException("Keyguard could not start on its database: " + e, e);
        }
    }

    /**
     * Checks a key as presented by a client: its format, then its hash against the cache and, on
     * a miss, the store. A key that passes is recorded as used (written behind).
     *
     * @param presentedKey the key as sent, may be {@code null}
     * @return who called, or empty if the key is malformed, unknown, revoked or expired (the
     *     caller cannot tell which)
     * @throws KeyguardException {@code UNAVAILABLE} if the key is not cached and the store cannot
     *     be reached
     */
    public Optional<KeyguardPrincipal> verify(String presentedKey) {
        if (!config.keyFormat().isWellFormed(presentedKey)) {
            return Optional.empty();
        }
        Instant now = config.clock().instant();
        return service.verify(KeyDigest.of(presentedKey), now).map(key -> {
            lastUsed.recordUse(key.id(), now);
            return new KeyguardPrincipal(key.id(), key.owner());
        });
    }

    /** Attempts to reach the database at start, before giving up. */
    static final int START_ATTEMPTS = 3;

    /**
     * Asks the database what it is, trying again for a few seconds: a container often deploys the
     * app while its database (or, under load, the embedded one) is still opening.
     */
    private static Database detect(DataSource dataSource) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return Database.of(dataSource);
            } catch (SQLException e) {
                if (attempt == START_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("Keyguard could not reach its database (attempt {} of {}): {}", attempt,
                        START_ATTEMPTS, e.getClass().getName());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * The database Keyguard uses, for a host that keeps its own tables beside Keyguard's (the
     * demo does). Closed by {@link #close()} when Keyguard made it.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    public ApiKeyService service() {
        return service;
    }

    public KeyguardConfig config() {
        return config;
    }

    /** The store under the service, behind its cache. */
    KeyStore store() {
        return store;
    }

    /** Hibernate statistics and other internals, for tests and benchmarks. */
    public HibernateKeyStore hibernateStore() {
        return hibernateStore;
    }

    /** The verification cache over the store, for tests and benchmarks. */
    public CachingKeyStore cachingStore() {
        return store;
    }

    /** The key-event log, for tests. */
    public KeyEventLog eventLog() {
        return eventLog;
    }

    /** The follower of the key-event log, for tests. */
    public KeyEventFollower eventFollower() {
        return follower;
    }

    /** The {@code lastUsedAt} write-behind, for tests. */
    public LastUsedWriteBehind lastUsed() {
        return lastUsed;
    }

    /**
     * Stops following the key-event log, writes the pending {@code lastUsedAt} updates, then
     * closes the store and the pool Keyguard made; a DataSource from the host stays open. A second
     * call does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            follower.close();
            lastUsed.close();
        } finally {
            store.close();
            if (ownedPool != null) {
                ownedPool.close();
            }
        }
    }
}
