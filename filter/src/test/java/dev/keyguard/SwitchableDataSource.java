package dev.keyguard;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A real in-memory H2 database whose connections a test can cut off, like a database outage. */
public final class SwitchableDataSource implements DataSource {

    private final JdbcDataSource h2 = new JdbcDataSource();
    private volatile boolean down;

    public SwitchableDataSource(String url) {
        h2.setURL(url);
        h2.setUser("sa");
    }

    public static SwitchableDataSource uniqueInMemory() {
        return new SwitchableDataSource("jdbc:h2:mem:kg-" + java.util.UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1");
    }

    public void goDown() {
        down = true;
    }

    public void comeBack() {
        down = false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down) {
            throw new SQLTransientConnectionException("database is down (test)", "08001");
        }
        return h2.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
