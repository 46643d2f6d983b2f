package dev.keyguard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardException;
import dev.keyguard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Keyguard's schema next to a host's own tables and its own Flyway history. */
class SchemaMigrationTest {

    private static final KeyOwner OWNER =
            new KeyOwner("acme", new KeyUser("u1", "A", "B", "a@b.c"));
    private final TestDatabase database = TestDatabase.h2();

    @Test
    void migratesBesideAHostThatAlsoUsesFlywayAndLeavesItsHistoryAlone() throws Exception {
        try (Connection c = database.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50))");
            s.execute("INSERT INTO customers VALUES (1, 'Initech')");
            s.execute(
                    "CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT PRIMARY KEY,"
                            + " \"version\" VARCHAR(50))");
            s.execute("INSERT INTO \"flyway_schema_history\" VALUES (1, '7')");
        }

        try (Keyguard keyguard = Keyguard.start(database.config().build())) {
            keyguard.service().create(OWNER, "works", null);
        }

        try (Connection c = database.connect();
                Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM customers")).isEqualTo(1);
            assertThat(count(s, "SELECT COUNT(*) FROM \"flyway_schema_history\"")).isEqualTo(1);
            assertThat(
                            count(
                                    s,
                                    "SELECT COUNT(*) FROM \"keyguard_schema_history\""
                                            + " WHERE \"version\" = '1' AND \"success\""))
                    .isEqualTo(1);
        }
    }

    @Test
    void secondStartFindsTheSchemaCurrentAndKeepsTheKeys() {
        try (Keyguard first = Keyguard.start(database.config().build())) {
            first.service().create(OWNER, "kept", null);
        }
        try (Keyguard second = Keyguard.start(database.config().build())) {
            assertThat(second.service().list("acme")).hasSize(1);
        }
    }

    @Test
    void withAutoMigrateOffAnUnmigratedDatabaseAnswersUnavailableNotWrong() {
        try (Keyguard keyguard = Keyguard.start(database.config().autoMigrate(false).build())) {
            assertThatThrownBy(() -> keyguard.service().list("acme"))
                    .isInstanceOfSatisfying(
                            KeyguardException.class,
                            e ->
                                    assertThat(e.reason())
                                            .isEqualTo(KeyguardException.Reason.UNAVAILABLE));
        }
    }

    private static int count(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
