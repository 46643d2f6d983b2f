package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.testing.TestDatabase;
import jakarta.servlet.ServletException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.Version;
import org.junit.jupiter.api.Test;

/**
 * A host whose hibernate-core 6.4 won over Keyguard's (Maven keeps the host's own): Keyguard
 * refuses to start, says why, and has written nothing to the database: no pool opened on it, no
 * Flyway history, no table.
 */
class UnsupportedHibernateTest {

    private static final String REFUSAL =
            "Keyguard needs Hibernate ORM 6.6 or 7.x; found " + Version.getVersionString();

    @Test
    void theHibernateOnTheClassPathIsSixFour() {
        assertThat(Version.getVersionString()).startsWith("6.4.");
        assertThat(Version.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .contains("hibernate-core-6.4.");
    }

    @Test
    void startIsRefusedNamingTheLibraryTheVersionAndTheSupportedOnesAndNoTableIsCreated()
            throws Exception {
        TestDatabase database = TestDatabase.h2();

        assertThatThrownBy(() -> Keyguard.start(database.config().build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(REFUSAL)
                .hasMessageContaining("(org.hibernate.orm:hibernate-core, loaded from ")
                .hasMessageContaining("hibernate-core-6.4.")
                .hasMessageContaining("Nothing was written to the database");

        assertThat(tables(database)).isEmpty();
    }

    @Test
    void theFilterFailsItsInitWithTheSameMessageAndNoTableIsCreated() throws Exception {
        TestDatabase database = TestDatabase.h2();
        TestFilterConfig config =
                new TestFilterConfig(
                        Map.of(
                                "keyguard.jdbc.url", database.url(),
                                "keyguard.jdbc.user", database.user(),
                                "keyguard.jdbc.password", database.password()),
                        Map.of());

        assertThatThrownBy(() -> new ApiKeyFilter().init(config))
                .isInstanceOf(ServletException.class)
                .hasMessageStartingWith(REFUSAL)
                .hasMessageContaining("org.hibernate.orm:hibernate-core");

        assertThat(tables(database)).isEmpty();
    }

    /** Every table of the database's own schema (H2 makes an empty one on this connection). */
    private static List<String> tables(TestDatabase database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.connect();
                ResultSet rows =
                        connection
                                .getMetaData()
                                .getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        return tables;
    }
}
