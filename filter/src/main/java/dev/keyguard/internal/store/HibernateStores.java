package dev.keyguard.internal.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens Keyguard's Hibernate store: finds the database (a DataSource of the host's, a JNDI name, a
 * JDBC URL, or the embedded H2 in the data directory named), asks it what it is, applies the schema
 * migrations unless told not to, and maps the store; and on PostgreSQL, says how to open the
 * follower's LISTEN connection.
 */
public final class HibernateStores {

    /** Attempts to reach the database at start, before giving up. */
    static final int START_ATTEMPTS = 3;

    static final String NO_DATABASE =
            "Keyguard has no database. Name one: keyguard.datasource.jndi (the container's"
                    + " DataSource, for production), keyguard.jdbc.url with keyguard.jdbc.user and"
                    + " keyguard.jdbc.password (a pool Keyguard makes), or keyguard.data-dir (its"
                    + " embedded H2 database: one node, one process, for trials); as init-params,"
                    + " context-params, system properties or environment variables"
                    + " (KEYGUARD_JDBC_URL, ...), or in code on KeyguardConfig.Builder (dataSource,"
                    + " store). See docs/filter.md.";

    private static final Logger LOG = LoggerFactory.getLogger(HibernateStores.class);

    private HibernateStores() {}

    /**
     * @throws IllegalStateException if the Hibernate ORM on the class path is not one the store
     *     runs on (checked first, before any connection), or the database cannot be reached or is
     *     not supported
     */
    public static OpenedStore open(StoreOptions options) {
        HibernateVersion.check();
        HikariDataSource ownedPool = null;
        DataSource dataSource = options.dataSource();
        if (dataSource == null && options.jndiName() != null) {
            dataSource = DataSources.fromJndi(options.jndiName());
        } else if (dataSource == null) {
            ownedPool =
                    options.jdbcUrl() != null
                            ? DataSources.pooled(
                                    options.jdbcUrl(),
                                    options.jdbcUser(),
                                    options.jdbcPassword(),
                                    options.poolSize())
                            : EmbeddedDatabase.open(embeddedDirectory(options), options.poolSize());
            dataSource = ownedPool;
        }
        try {
            Database database = detect(dataSource);
            if (options.autoMigrate()) {
                SchemaMigrator.migrate(dataSource, database);
            }
            DataSource storeSource =
                    ownedPool != null ? DataSources.forStore(ownedPool) : dataSource;
            HibernateKeyStore store =
                    HibernateKeyStore.open(storeSource, database, options.hibernateSettings());
            HikariDataSource pool = ownedPool;
            return new OpenedStore(
                    store,
                    dataSource,
                    ownedPool,
                    listenConnection(options, database, ownedPool, dataSource),
                    () -> {
                        try {
                            store.close();
                        } finally {
                            if (pool != null) {
                                pool.close();
                            }
                        }
                    });
        } catch (SQLException | RuntimeException e) {
            if (ownedPool != null) {
                ownedPool.close();
            }
            throw new IllegalStateException("Keyguard could not start on its database: " + e, e);
        }
    }

    /**
     * The embedded database's directory, which the host must name: an embedded database chosen
     * silently would be one per node, in whatever the container's working directory is, and lost on
     * redeploy.
     */
    private static Path embeddedDirectory(StoreOptions options) {
        if (options.dataDir() == null) {
            throw new IllegalStateException(NO_DATABASE);
        }
        return options.dataDir();
    }

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
                LOG.warn(
                        "Keyguard could not reach its database (attempt {} of {}): {}",
                        attempt,
                        START_ATTEMPTS,
                        e.getClass().getName());
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
     * Where the follower's LISTEN connection comes from on PostgreSQL: a connection of its own
     * beside the pool Keyguard made (so the pool keeps all its connections; opening it gives up
     * after 5 s, since the follower's thread waits for it), or one borrowed for good from the
     * host's DataSource. {@code null} for polling only.
     */
    private static Callable<Connection> listenConnection(
            StoreOptions options,
            Database database,
            HikariDataSource ownedPool,
            DataSource dataSource) {
        if (database != Database.POSTGRESQL || !options.listen()) {
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
}
