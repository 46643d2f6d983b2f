package dev.keyguard;

import com.zaxxer.hikari.HikariDataSource;
import dev.keyguard.store.Database;
import dev.keyguard.store.DataSources;
import dev.keyguard.store.HibernateKeyStore;
import dev.keyguard.store.KeyStore;
import dev.keyguard.store.SchemaMigrator;
import java.security.SecureRandom;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One running Keyguard: its database, schema, store and {@link ApiKeyService}. A host may run
 * several side by side (nothing is static). Start it once, share it, and {@link #close()} it on
 * shutdown. Thread-safe.
 */
public final class Keyguard implements AutoCloseable {

    private final KeyguardConfig config;
    private final HikariDataSource ownedPool;
    private final HibernateKeyStore store;
    private final ApiKeyService service;

    private Keyguard(KeyguardConfig config, HikariDataSource ownedPool, HibernateKeyStore store) {
        this.config = config;
        this.ownedPool = ownedPool;
        this.store = store;
        this.service = new ApiKeyService(store, config.keyFormat(), config.clock(),
                new SecureRandom());
    }

    /**
     * Connects to the configured database, applies the schema migrations unless switched off,
     * and maps the store.
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
            Database database = Database.of(dataSource);
            if (config.autoMigrate()) {
                SchemaMigrator.migrate(dataSource, database);
            }
            return new Keyguard(config, ownedPool,
                    HibernateKeyStore.open(dataSource, database, config.hibernateSettings()));
        } catch (SQLException | RuntimeException e) {
            if (ownedPool != null) {
                ownedPool.close();
            }
            throw new IllegalStateException("Keyguard could not start on its database: " + e, e);
        }
    }

    public ApiKeyService service() {
        return service;
    }

    public KeyguardConfig config() {
        return config;
    }

    /** The store under the service, for the filter's cache and for tests. */
    KeyStore store() {
        return store;
    }

    /** Hibernate statistics and other internals, for tests and benchmarks. */
    public HibernateKeyStore hibernateStore() {
        return store;
    }

    /** Closes the store and the pool Keyguard made; a DataSource from the host stays open. */
    @Override
    public void close() {
        store.close();
        if (ownedPool != null) {
            ownedPool.close();
        }
    }
}
