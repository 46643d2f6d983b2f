package dev.keyguard.testing;

import dev.keyguard.KeyguardConfig;
import dev.keyguard.spi.InMemoryKeyStore;
import dev.keyguard.spi.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A database for integration tests: H2 in memory always; PostgreSQL and MariaDB when {@code
 * KEYGUARD_TEST_POSTGRES_URL} / {@code KEYGUARD_TEST_MARIADB_URL} (with {@code _USER} and {@code
 * _PASSWORD} beside each) are set. Unset, those tests are skipped with the reason; when {@code
 * KEYGUARD_TEST_REQUIRE_DATABASES=true} (as in CI) an unset or unreachable database fails.
 *
 * <p>A {@link KeyStore} ({@link #ofStore}, {@link #inMemoryStore()}) stands in for a database where
 * a contract holds for every store: it has no URL and no SQL, and every {@link #config()} of it
 * shares the one store instance, as the nodes of a cluster share a database. This is how a host
 * runs the store contracts of {@code dev.keyguard} on its own store.
 *
 * @param name H2, PostgreSQL, MariaDB, in-memory or the store's, for test names and messages
 * @param store the store, or {@code null} for a database
 */
public record TestDatabase(String name, String url, String user, String password, KeyStore store) {

    public static final String REQUIRE = "KEYGUARD_TEST_REQUIRE_DATABASES";

    /** A fresh, private in-memory H2 database. */
    public static TestDatabase h2() {
        return new TestDatabase(
                "H2", "jdbc:h2:mem:kg-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", null);
    }

    /** A fresh {@link InMemoryKeyStore} instead of a database. */
    public static TestDatabase inMemoryStore() {
        return ofStore("in-memory", new InMemoryKeyStore());
    }

    /**
     * A store instead of a database: every {@link #config()} of the result passes this one instance
     * to {@link KeyguardConfig.Builder#store}. Keyguard never closes a store it is given: the
     * caller closes it, if it holds anything.
     *
     * @param name for test names and messages
     */
    public static TestDatabase ofStore(String name, KeyStore store) {
        return new TestDatabase(name, null, null, null, Objects.requireNonNull(store, "store"));
    }

    public static TestDatabase postgres() {
        return fromEnvironment("PostgreSQL", "KEYGUARD_TEST_POSTGRES");
    }

    public static TestDatabase mariadb() {
        return fromEnvironment("MariaDB", "KEYGUARD_TEST_MARIADB");
    }

    /**
     * The database of the given name, as {@link #h2()}, {@link #postgres()} or {@link #mariadb()}.
     */
    public static TestDatabase named(String name) {
        return switch (name) {
            case "H2" -> h2();
            case "PostgreSQL" -> postgres();
            case "MariaDB" -> mariadb();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static TestDatabase fromEnvironment(String name, String variable) {
        String url = System.getenv(variable + "_URL");
        boolean required = Boolean.parseBoolean(System.getenv(REQUIRE));
        if (url == null || url.isBlank()) {
            if (required) {
                throw new IllegalStateException(
                        variable
                                + "_URL is not set but "
                                + REQUIRE
                                + "=true: the "
                                + name
                                + " tests must run here");
            }
            Assumptions.abort(
                    name
                            + " tests skipped: set "
                            + variable
                            + "_URL (and _USER, _PASSWORD) to run them");
        }
        TestDatabase database =
                new TestDatabase(
                        name,
                        url,
                        System.getenv(variable + "_USER"),
                        System.getenv(variable + "_PASSWORD"),
                        null);
        database.checkReachable();
        return database;
    }

    /** Fails (never skips) when the database was named but cannot be reached. */
    private void checkReachable() {
        try {
            connect().close();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    name + " at " + url + " is configured but unreachable: " + e.getMessage(), e);
        }
    }

    public Connection connect() throws SQLException {
        if (store != null) {
            throw new UnsupportedOperationException(name + " is a store without SQL");
        }
        return DriverManager.getConnection(url, user, password);
    }

    /** A config builder on this database with a small pool, or on the store. */
    public KeyguardConfig.Builder config() {
        return store != null
                ? KeyguardConfig.builder().store(store)
                : KeyguardConfig.builder().jdbc(url, user, password).poolSize(4);
    }

    @Override
    public String toString() {
        return name;
    }
}
