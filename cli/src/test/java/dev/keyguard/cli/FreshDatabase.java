package dev.keyguard.cli;

import dev.keyguard.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A database of its own for one test, beside the one {@link TestDatabase} names (same server, same
 * user), holding one table of a host app's: so that a test can tell exactly which tables the CLI
 * made. Dropped on {@link #close()}.
 */
record FreshDatabase(String url, String user, String password, Runnable drop)
        implements AutoCloseable {

    static final String HOST_TABLE = "host_customer";

    /** A new database on the server of {@code server} (PostgreSQL or MariaDB). */
    static FreshDatabase on(TestDatabase server) throws SQLException {
        String name = "kgcli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String create =
                server.name().equals("MariaDB")
                        ? "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                        : "CREATE DATABASE " + name;
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute(create);
        }
        String url = withDatabase(server.url(), name);
        FreshDatabase fresh =
                new FreshDatabase(
                        url,
                        server.user(),
                        server.password(),
                        () -> {
                            try (Connection c = server.connect();
                                    Statement s = c.createStatement()) {
                                s.execute(
                                        server.name().equals("MariaDB")
                                                ? "DROP DATABASE " + name
                                                : "DROP DATABASE " + name + " WITH (FORCE)");
                            } catch (SQLException e) {
                                throw new IllegalStateException("Could not drop " + name, e);
                            }
                        });
        fresh.createHostTable();
        return fresh;
    }

    /** An H2 file database in {@code directory}. */
    static FreshDatabase h2(Path directory) throws SQLException {
        FreshDatabase fresh =
                new FreshDatabase(
                        "jdbc:h2:file:" + directory.resolve("host").toAbsolutePath(),
                        "sa",
                        "host-secret",
                        () -> {});
        fresh.createHostTable();
        return fresh;
    }

    /** The URL with its database (the last part of the path) replaced by {@code name}. */
    private static String withDatabase(String url, String name) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String rest = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + rest;
    }

    private void createHostTable() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + HOST_TABLE + " (id INT PRIMARY KEY, name VARCHAR(100))");
            s.execute("INSERT INTO " + HOST_TABLE + " VALUES (1, 'Initech')");
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The tables of the database (its default schema), in lower case. */
    Set<String> tables() throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection c = connect()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rows =
                    meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables;
    }

    /** The host's rows, as {@code id:name}. */
    Set<String> hostRows() throws SQLException {
        Set<String> rows = new TreeSet<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id, name FROM " + HOST_TABLE)) {
            while (r.next()) {
                rows.add(r.getInt(1) + ":" + r.getString(2));
            }
        }
        return rows;
    }

    @Override
    public void close() {
        drop.run();
    }
}
