package dev.keyguard.internal.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
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
final class NetworkTimeoutDataSource implements DataSource {

    private static final Executor DIRECT = Runnable::run;

    private final DataSource pool;
    private final int timeoutMillis;

    NetworkTimeoutDataSource(DataSource pool, int timeoutMillis) {
        this.pool = pool;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return withTimeout(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return withTimeout(pool.getConnection(username, password));
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

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
