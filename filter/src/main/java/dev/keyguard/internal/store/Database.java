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
            "DATEADD(SECOND, -CAST(? AS BIGINT), CURRENT_TIMESTAMP)",
            "MERGE INTO keyguard_key_usage u USING (VALUES (CAST(? AS VARCHAR(32)), CAST(? AS"
                    + " DATE), CAST(? AS BIGINT))) s (key_id, usage_day, requests) ON u.key_id ="
                    + " s.key_id AND u.usage_day = s.usage_day WHEN MATCHED THEN UPDATE SET"
                    + " requests = u.requests + s.requests WHEN NOT MATCHED THEN INSERT (key_id,"
                    + " usage_day, requests) VALUES (s.key_id, s.usage_day, s.requests)"),
    POSTGRESQL(
            "postgresql",
            "INSERT INTO keyguard_organisation (organisation_id) VALUES (?) ON CONFLICT DO NOTHING",
            "CURRENT_TIMESTAMP - CAST(? AS BIGINT) * INTERVAL '1 second'",
            "INSERT INTO keyguard_key_usage (key_id, usage_day, requests) VALUES (?, ?, ?)"
                    + " ON CONFLICT (key_id, usage_day) DO UPDATE"
                    + " SET requests = keyguard_key_usage.requests + EXCLUDED.requests"),
    /** MariaDB, and MySQL 8 with the same scripts. */
    MARIADB(
            "mariadb",
            "INSERT IGNORE INTO keyguard_organisation (organisation_id) VALUES (?)",
            "UTC_TIMESTAMP(3) - INTERVAL ? SECOND",
            "INSERT INTO keyguard_key_usage (key_id, usage_day, requests) VALUES (?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE requests = requests + VALUES(requests)");

    private final String migrationFolder;
    private final String insertOrganisationIfAbsent;
    private final String secondsAgo;
    private final String addUsage;

    Database(
            String migrationFolder,
            String insertOrganisationIfAbsent,
            String secondsAgo,
            String addUsage) {
        this.migrationFolder = migrationFolder;
        this.insertOrganisationIfAbsent = insertOrganisationIfAbsent;
        this.secondsAgo = secondsAgo;
        this.addUsage = addUsage;
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
     * Adds requests to the count of one (key, day), creating it at that number if absent, in one
     * atomic statement that nodes may run at once: parameters key id, day, requests.
     */
    String addUsage() {
        return addUsage;
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
