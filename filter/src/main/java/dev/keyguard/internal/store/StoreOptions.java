package dev.keyguard.internal.store;

import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Where and how Keyguard's Hibernate store finds its database, taken from the configuration. {@link
 * #toString()} leaves the password and the credentials of the URL out.
 *
 * @param dataSource a DataSource the host owns, or {@code null}
 * @param jndiName the JNDI name of the host's DataSource, or {@code null}
 * @param jdbcUrl a JDBC URL to pool, or {@code null}
 * @param poolSize most connections of a pool Keyguard makes
 * @param dataDir the embedded H2 database's directory, used when nothing else is set; {@code null}
 *     if the host named none (then Keyguard refuses to start without another database)
 * @param autoMigrate whether to apply the schema migrations on start
 * @param listen on PostgreSQL, whether to hold a connection that LISTENs for key events
 * @param hibernateSettings extra Hibernate settings (tests: statistics)
 */
public record StoreOptions(
        DataSource dataSource,
        String jndiName,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        int poolSize,
        Path dataDir,
        boolean autoMigrate,
        boolean listen,
        Map<String, Object> hibernateSettings) {

    @Override
    public String toString() {
        return "StoreOptions[jndiName="
                + jndiName
                + ", jdbcUrl="
                + JdbcUrls.withoutCredentials(jdbcUrl)
                + ", jdbcUser="
                + jdbcUser
                + ", poolSize="
                + poolSize
                + ", dataDir="
                + dataDir
                + "]";
    }
}
