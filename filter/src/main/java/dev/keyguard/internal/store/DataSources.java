package dev.keyguard.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes the DataSources Keyguard uses when the host does not hand one over in code. */
public final class DataSources {

    private static final Logger LOG = LoggerFactory.getLogger(DataSources.class);

    /** Short, so a database outage turns into a 503 quickly instead of a hanging request. */
    private static final long CONNECTION_TIMEOUT_MS = 3_000;

    /**
     * Longest wait for the database's answer to one statement on Keyguard's own pool, after which
     * the request gets a 503: Keyguard's statements are single-row look-ups and small writes.
     */
    public static final int NETWORK_TIMEOUT_MS = 5_000;

    private DataSources() {}

    /** Looks up the host's DataSource; the container owns it. */
    public static DataSource fromJndi(String name) {
        try {
            return (DataSource) new InitialContext().lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException("No DataSource under the JNDI name '" + name + "'", e);
        }
    }

    /** A HikariCP pool for a JDBC URL; the caller closes it. */
    public static HikariDataSource pooled(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("keyguard");
        config.setJdbcUrl(url);
        String driver = driverFor(url);
        if (driver != null) {
            config.setDriverClassName(driver);
        } else if (!driverManagerAccepts(url)) {
            // HikariCP's own message would quote the URL, credentials and all.
            throw new IllegalStateException(
                    "No JDBC driver on Keyguard's class path accepts "
                            + JdbcUrls.withoutCredentials(url)
                            + ": Keyguard supports H2, PostgreSQL and MariaDB (or MySQL); put the"
                            + " driver beside Keyguard (WEB-INF/lib), or give a DataSource");
        }
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(1_000);
        config.setExceptionOverride(new BrokenConnections());
        // Start even if the database is down for a moment; the first query then fails as 503.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /**
     * The class of the JDBC driver, among those Keyguard's own class loader can see, that takes
     * this URL; {@code null} leaves the choice to {@link java.sql.DriverManager}. In a container,
     * DriverManager does not see the drivers a web app bundles in {@code WEB-INF/lib} ("No suitable
     * driver"), but Keyguard, loaded from the same place, does.
     */
    static String driverFor(String url) {
        Iterator<Driver> drivers =
                ServiceLoader.load(Driver.class, DataSources.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!drivers.hasNext()) {
                    return null;
                }
                Driver driver = drivers.next();
                if (driver.acceptsURL(url)) {
                    return driver.getClass().getName();
                }
            } catch (ServiceConfigurationError | SQLException e) {
                LOG.debug(
                        "Skipping a JDBC driver that could not be loaded or asked: {}",
                        e.toString());
            }
        }
    }

    /** Whether a driver registered with {@link DriverManager} takes this URL. */
    private static boolean driverManagerAccepts(String url) {
        try {
            return DriverManager.getDriver(url) != null;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * The DataSource the store uses on a pool Keyguard made: the same connections, each with a
     * {@link #NETWORK_TIMEOUT_MS network time-out}, so that a partitioned database gives a 503
     * instead of a request that hangs.
     */
    public static DataSource forStore(HikariDataSource ownPool) {
        return new NetworkTimeoutDataSource(ownPool, NETWORK_TIMEOUT_MS);
    }
}
