package dev.keyguard.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The databases Keyguard runs on, and the little SQL that differs between them. */
public enum Database {
    H2(
            "h2",
            "MERGE INTO keyguard_organisation (organisation_id) KEY (organisation_id) VALUES (?)",
            "DATEADD(SECOND, -CAST(? AS BIGINT), CURRENT_TIMESTAMP)"),
    POSTGRESQL(
            "postgresql",
            "INSERT INTO keyguard_organisation (organisation_id) VALUES (?) ON CONFLICT DO NOTHING",
            "CURRENT_TIMESTAMP - CAST(? AS BIGINT) * INTERVAL '1 second'"),
    /** MariaDB, and MySQL 8 with the same scripts. */
    MARIADB(
            "mariadb",
            "INSERT IGNORE INTO keyguard_organisation (organisation_id) VALUES (?)",
            "UTC_TIMESTAMP(3) - INTERVAL ? SECOND");

    private final String migrationFolder;
    private final String insertOrganisationIfAbsent;
    private final String secondsAgo;

    Database(String migrationFolder, String insertOrganisationIfAbsent, String secondsAgo) {
        this.migrationFolder = migrationFolder;
        this.insertOrganisationIfAbsent = insertOrganisationIfAbsent;
        this.secondsAgo = secondsAgo;
    }

    /** The Flyway location of this database's migration scripts. */
    public String migrationLocation() {
        return "classpath:dev/keyguard/store/migration/" + migrationFolder;
    }

    /** One statement, one parameter (the organisation id), that never fails on a duplicate. */
    String insertOrganisationIfAbsent() {
        return insertOrganisationIfAbsent;
    }

    /**
     * Deletes the key events older than a number of seconds (first parameter) by the database
     * server's clock, below an id (second parameter).
     */
    String deleteEventsOlderThan() {
        return "DELETE FROM keyguard_key_event WHERE occurred_at < " + secondsAgo + " AND id < ?";
    }

    /**
     * Asks the database what it is.
     *
     * @throws IllegalStateException for a database Keyguard does not support
     * @throws SQLException if no connection can be had
     */
    public static Database of(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            String name = product.toLowerCase(Locale.ROOT);
            if (name.contains("h2")) {
                return H2;
            }
            if (name.contains("postgresql")) {
                return POSTGRESQL;
            }
            if (name.contains("mariadb") || name.contains("mysql")) {
                return MARIADB;
            }
            throw new IllegalStateException(
                    "Keyguard does not support the database '"
                            + product
                            + "': use H2, PostgreSQL, MariaDB or MySQL");
        }
    }
}
