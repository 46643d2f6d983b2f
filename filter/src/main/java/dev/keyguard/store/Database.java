package dev.keyguard.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The databases Keyguard runs on, and the little SQL that differs between them. */
public enum Database {
    H2("h2", "MERGE INTO keyguard_organisation (organisation_id) KEY (organisation_id) VALUES (?)"),
    POSTGRESQL("postgresql",
            "INSERT INTO keyguard_organisation (organisation_id) VALUES (?) ON CONFLICT DO NOTHING"),
    /** MariaDB, and MySQL 8 with the same scripts. */
    MARIADB("mariadb", "INSERT IGNORE INTO keyguard_organisation (organisation_id) VALUES (?)");

    private final String migrationFolder;
    private final String insertOrganisationIfAbsent;

    Database(String migrationFolder, String insertOrganisationIfAbsent) {
        this.migrationFolder = migrationFolder;
        this.insertOrganisationIfAbsent = insertOrganisationIfAbsent;
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
            throw new IllegalStateException("Keyguard does not support the database '" + product
                    + "': use H2, PostgreSQL, MariaDB or MySQL");
        }
    }
}
