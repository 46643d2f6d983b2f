package dev.keyguard.internal.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Keyguard's Flyway migrations. Keyguard keeps its own history table, {@value
 * #HISTORY_TABLE}, so a host that runs Flyway for its own schema is not disturbed; and it baselines
 * at version 0 in a schema that already holds the host's tables, so its own scripts still all run
 * there.
 */
public final class SchemaMigrator {

    public static final String HISTORY_TABLE = "keyguard_schema_history";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private SchemaMigrator() {}

    public static void migrate(DataSource dataSource, Database database) {
        MigrateResult result =
                Flyway.configure(SchemaMigrator.class.getClassLoader())
                        .dataSource(dataSource)
                        .table(HISTORY_TABLE)
                        .locations(database.migrationLocation())
                        .failOnMissingLocations(true)
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .load()
                        .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info(
                    "Keyguard schema migrated to version {} ({} migrations)",
                    result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }
}
