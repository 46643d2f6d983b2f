package dev.keyguard.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A DataSource that a test can switch off, like a database that went away. */
public final class SwitchableDataSource implements DataSource {

    private final DataSource delegate;
    private volatile boolean up = true;

    public SwitchableDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** A switchable, unpooled, fresh in-memory H2 database. */
    public static SwitchableDataSource uniqueInMemory() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(TestDatabase.h2().url());
        h2.setUser("sa");
        return new SwitchableDataSource(h2);
    }

    public void down() {
        up = false;
    }

    public void up() {
        up = true;
    }

    @Override
    public Connection getConnection() throws SQLException {
        check();
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        check();
        return delegate.getConnection(username, password);
    }

    private void check() throws SQLTransientConnectionException {
        if (!up) {
            throw new SQLTransientConnectionException("database switched off by the test", "08001");
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
