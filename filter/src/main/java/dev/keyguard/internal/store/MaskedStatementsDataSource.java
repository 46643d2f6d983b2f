package dev.keyguard.internal.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Hands Hibernate connections whose statements print only their SQL, never the values bound to
 * them: a key hash is a bound value.
 *
 * <p>Design note. Hibernate ORM 6.6 logs every statement it releases at TRACE ({@code
 * ResourceRegistryStandardImpl}: "Releasing statement [...]") with the statement's {@code
 * toString()}, and the drivers' statements (through HikariCP's proxies) print their bound
 * parameters there: H2's {@code {1: '...'}}, PostgreSQL's SQL with the values in it, MariaDB's
 * {@code parameters:[...]}. {@link SecretStringJavaType} masks the hash only where Hibernate itself
 * renders it. Statements are wrapped in a JDK proxy that answers {@code toString} with the SQL and
 * forwards everything else; the cost is a proxy per statement and a reflective call per JDBC call,
 * against a database round trip each. Flyway's connections are not wrapped: migrations bind no key
 * material.
 */
final class MaskedStatementsDataSource extends ForwardingDataSource {

    MaskedStatementsDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return masked(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return masked(target.getConnection(username, password));
    }

    private static Connection masked(Connection connection) {
        return (Connection)
                Proxy.newProxyInstance(
                        MaskedStatementsDataSource.class.getClassLoader(),
                        new Class<?>[] {Connection.class},
                        new Handler(connection, "Keyguard connection"));
    }

    /**
     * Forwards to the target; wraps the statements a connection makes; a statement's {@code
     * toString} is its description (the SQL it was prepared with). Equality is identity, as
     * Hibernate's statement registry needs.
     */
    private static final class Handler implements InvocationHandler {

        private final Object target;
        private final String description;

        Handler(Object target, String description) {
            this.target = target;
            this.description = description;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "toString":
                    if (method.getParameterCount() == 0) {
                        return description;
                    }
                    break;
                case "hashCode":
                    if (method.getParameterCount() == 0) {
                        return System.identityHashCode(proxy);
                    }
                    break;
                case "equals":
                    if (method.getParameterCount() == 1) {
                        return proxy == args[0];
                    }
                    break;
                default:
                    break;
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            Class<?> type = method.getReturnType();
            if (result != null && Statement.class.isAssignableFrom(type) && type.isInterface()) {
                String sql =
                        args != null && args.length > 0 && args[0] instanceof String text
                                ? text
                                : "";
                return Proxy.newProxyInstance(
                        MaskedStatementsDataSource.class.getClassLoader(),
                        new Class<?>[] {type},
                        new Handler(result, type.getSimpleName() + "[" + sql + "]"));
            }
            return result;
        }
    }
}
