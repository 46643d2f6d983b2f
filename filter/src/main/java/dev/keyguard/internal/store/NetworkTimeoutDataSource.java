package dev.keyguard.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Hands out connections of Keyguard's own pool with a JDBC network time-out: a statement whose
 * answer does not come within it fails (and HikariCP drops the connection) instead of waiting.
 *
 * <p>Design note. A database behind a network partition neither answers nor refuses: without a
 * time-out a query on a pooled connection waits until TCP gives up (hours), and so does the request
 * that made it, cached keys' re-checks included. {@link Connection#setNetworkTimeout} is the
 * driver-independent way (PostgreSQL and MariaDB honour it; H2 ignores it). Only the store's
 * connections get it, not Flyway's, so that a long migration is not cut short; HikariCP restores
 * the connection's own value when it comes back to the pool. A host's own DataSource is left as the
 * host configured it.
 */
final class NetworkTimeoutDataSource extends ForwardingDataSource {

    private static final Executor DIRECT = Runnable::run;

    private final int timeoutMillis;

    NetworkTimeoutDataSource(DataSource pool, int timeoutMillis) {
        super(pool);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return withTimeout(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return withTimeout(target.getConnection(username, password));
    }

    private Connection withTimeout(Connection connection) throws SQLException {
        try {
            connection.setNetworkTimeout(DIRECT, timeoutMillis);
        } catch (SQLFeatureNotSupportedException e) {
            // the driver has no such time-out; the connection is still usable
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
