package dev.keyguard.bench.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * A JDBC driver that counts the statements executed through it, by tag, and hands everything to the
 * real driver. A webapp configured only by a JDBC URL (as the demo is, with {@code --db-url}) is
 * counted without touching its code: {@code jdbc:counting:TAG:postgresql://127.0.0.1:5432/db} runs
 * on {@code jdbc:postgresql://127.0.0.1:5432/db} and counts under {@code TAG}.
 *
 * <p>Each execution of a statement counts once (a batch counts each added row); statements are
 * sorted by their first SQL word, and UPDATEs of {@code last_used_at} apart.
 */
public final class CountingDriver implements Driver {

    public static final String PREFIX = "jdbc:counting:";
    private static final Map<String, StatementCounts> COUNTS = new ConcurrentHashMap<>();
    private static volatile boolean registered;

    /** Registers the driver with {@link DriverManager}; idempotent. */
    public static synchronized void register() {
        if (!registered) {
            try {
                DriverManager.registerDriver(new CountingDriver());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            registered = true;
        }
    }

    /** The counting URL for {@code realUrl} (a {@code jdbc:...} URL) under {@code tag}. */
    public static String url(String tag, String realUrl) {
        if (!realUrl.startsWith("jdbc:") || tag.contains(":")) {
            throw new IllegalArgumentException("need a jdbc: URL and a tag without ':'");
        }
        return PREFIX + tag + ":" + realUrl.substring("jdbc:".length());
    }

    /** The counts of a tag, created empty if none were made yet. */
    public static StatementCounts counts(String tag) {
        return COUNTS.computeIfAbsent(tag, t -> new StatementCounts());
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String rest = url.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        String tag = rest.substring(0, colon);
        Connection real = DriverManager.getConnection("jdbc:" + rest.substring(colon + 1), info);
        return proxy(Connection.class, real, new ConnectionHandler(real, counts(tag)));
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX) && url.indexOf(':', PREFIX.length()) > 0;
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
        return type.cast(
                Proxy.newProxyInstance(
                        CountingDriver.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private record ConnectionHandler(Connection real, StatementCounts counts)
            implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = CountingDriver.invoke(real, method, args);
            String name = method.getName();
            if (result instanceof CallableStatement call && name.equals("prepareCall")) {
                return proxy(
                        CallableStatement.class,
                        call,
                        new StatementHandler(call, counts, (String) args[0]));
            }
            if (result instanceof PreparedStatement prepared && name.equals("prepareStatement")) {
                return proxy(
                        PreparedStatement.class,
                        prepared,
                        new StatementHandler(prepared, counts, (String) args[0]));
            }
            if (result instanceof Statement statement && name.equals("createStatement")) {
                return proxy(
                        Statement.class, statement, new StatementHandler(statement, counts, null));
            }
            return result;
        }
    }

    private record StatementHandler(Statement real, StatementCounts counts, String preparedSql)
            implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            boolean executes =
                    name.startsWith("execute") && !name.equals("executeBatch")
                            || name.equals("addBatch");
            if (executes) {
                String sql =
                        args != null && args.length > 0 && args[0] instanceof String s
                                ? s
                                : preparedSql;
                counts.record(sql == null ? "" : sql.toLowerCase(Locale.ROOT));
            }
            return CountingDriver.invoke(real, method, args);
        }
    }
}
