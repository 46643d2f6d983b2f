package dev.keyguard;

import dev.keyguard.key.KeyFormat;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Keyguard's configuration: immutable and validated when built. Made either with {@link #builder()}
 * or from named parameters ({@link #from(Function)}), whose names are the constants below; each
 * constant's default stands beside it.
 *
 * <p>Where the database comes from, first match wins: a {@link Builder#dataSource DataSource}
 * given in code; the JNDI name {@value #DATASOURCE_JNDI}; the JDBC URL {@value #JDBC_URL} (pooled
 * with HikariCP); otherwise an embedded H2 file database in {@value #DATA_DIR}.
 */
public final class KeyguardConfig {

    /** JNDI name of the host's DataSource, e.g. {@code java:comp/env/jdbc/keyguard}. */
    public static final String DATASOURCE_JNDI = "keyguard.datasource.jndi";
    /** JDBC URL of the database; used when no JNDI name is set. */
    public static final String JDBC_URL = "keyguard.jdbc.url";
    public static final String JDBC_USER = "keyguard.jdbc.user";
    public static final String JDBC_PASSWORD = "keyguard.jdbc.password";
    /** Maximum connections of the pool Keyguard makes for {@value #JDBC_URL} or the embedded H2. */
    public static final String POOL_SIZE = "keyguard.jdbc.pool-size";
    public static final int DEFAULT_POOL_SIZE = 10;
    /** Directory of the embedded H2 database, used when neither JNDI nor a URL is set. */
    public static final String DATA_DIR = "keyguard.data-dir";
    public static final String DEFAULT_DATA_DIR = "keyguard-data";
    /** Prefix of new keys: letters, digits and {@code _}, ending in {@code _}. */
    public static final String KEY_PREFIX = "keyguard.key-prefix";
    public static final String DEFAULT_KEY_PREFIX = KeyFormat.DEFAULT_PREFIX;
    /** Whether Keyguard applies its schema migrations on start; off, a DBA applies them. */
    public static final String AUTO_MIGRATE = "keyguard.schema.auto-migrate";
    public static final boolean DEFAULT_AUTO_MIGRATE = true;

    private final DataSource dataSource;
    private final String jndiName;
    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;
    private final int poolSize;
    private final Path dataDir;
    private final KeyFormat keyFormat;
    private final boolean autoMigrate;
    private final Clock clock;
    private final Map<String, Object> hibernateSettings;

    private KeyguardConfig(Builder b) {
        this.dataSource = b.dataSource;
        this.jndiName = b.jndiName;
        this.jdbcUrl = b.jdbcUrl;
        this.jdbcUser = b.jdbcUser;
        this.jdbcPassword = b.jdbcPassword;
        this.poolSize = b.poolSize;
        this.dataDir = b.dataDir;
        this.keyFormat = KeyFormat.withPrefix(b.keyPrefix);
        this.autoMigrate = b.autoMigrate;
        this.clock = b.clock;
        this.hibernateSettings = Map.copyOf(b.hibernateSettings);
        if (poolSize < 1 || poolSize > 1000) {
            throw new IllegalArgumentException(
                    "Invalid " + POOL_SIZE + " '" + poolSize + "': use 1 to 1000");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException(
                    "Invalid " + JDBC_URL + ": it must start with 'jdbc:'");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads every parameter from {@code source} (a function from parameter name to value, or
     * {@code null} when unset), e.g. init-params falling back to system properties.
     *
     * @throws IllegalArgumentException naming the parameter and the bad value
     */
    public static Builder from(Function<String, String> source) {
        Builder b = builder();
        set(source, DATASOURCE_JNDI, b::jndiName);
        set(source, JDBC_URL, url -> b.jdbc(url, source.apply(JDBC_USER),
                source.apply(JDBC_PASSWORD)));
        set(source, POOL_SIZE, v -> b.poolSize(parseInt(POOL_SIZE, v)));
        set(source, DATA_DIR, v -> b.dataDir(Path.of(v)));
        set(source, KEY_PREFIX, b::keyPrefix);
        set(source, AUTO_MIGRATE, v -> b.autoMigrate(parseBoolean(AUTO_MIGRATE, v)));
        return b;
    }

    /** System properties, then environment variables ({@code keyguard.data-dir} is {@code KEYGUARD_DATA_DIR}). */
    public static Function<String, String> systemSource() {
        return name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(environmentName(name));
        };
    }

    /** The environment variable of a parameter: upper case, {@code .} and {@code -} as {@code _}. */
    public static String environmentName(String parameter) {
        return parameter.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void set(Function<String, String> source, String name,
            java.util.function.Consumer<String> setter) {
        String value = source.apply(name);
        if (value != null && !value.isBlank()) {
            try {
                setter.accept(value.strip());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Invalid " + name + ": " + e.getMessage(), e);
            }
        }
    }

    static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    }

    static boolean parseBoolean(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
        };
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String jndiName() {
        return jndiName;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String jdbcUser() {
        return jdbcUser;
    }

    String jdbcPassword() {
        return jdbcPassword;
    }

    public int poolSize() {
        return poolSize;
    }

    public Path dataDir() {
        return dataDir;
    }

    public KeyFormat keyFormat() {
        return keyFormat;
    }

    public boolean autoMigrate() {
        return autoMigrate;
    }

    public Clock clock() {
        return clock;
    }

    Map<String, Object> hibernateSettings() {
        return hibernateSettings;
    }

    /** Builds a {@link KeyguardConfig}; not thread-safe. */
    public static final class Builder {
        private DataSource dataSource;
        private String jndiName;
        private String jdbcUrl;
        private String jdbcUser;
        private String jdbcPassword;
        private int poolSize = DEFAULT_POOL_SIZE;
        private Path dataDir = Path.of(DEFAULT_DATA_DIR);
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private boolean autoMigrate = DEFAULT_AUTO_MIGRATE;
        private Clock clock = Clock.systemUTC();
        private final Map<String, Object> hibernateSettings = new LinkedHashMap<>();

        private Builder() {
        }

        /** A DataSource the host owns; Keyguard never closes it. Wins over every other source. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        public Builder jndiName(String jndiName) {
            this.jndiName = jndiName;
            return this;
        }

        public Builder jdbc(String url, String user, String password) {
            this.jdbcUrl = url;
            this.jdbcUser = user;
            this.jdbcPassword = password;
            return this;
        }

        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
            return this;
        }

        public Builder autoMigrate(boolean autoMigrate) {
            this.autoMigrate = autoMigrate;
            return this;
        }

        /** The clock for creation, expiry and last use; tests pass a fake one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** An extra Hibernate setting, e.g. {@code hibernate.generate_statistics}. */
        public Builder hibernateSetting(String name, Object value) {
            hibernateSettings.put(name, value);
            return this;
        }

        /** @throws IllegalArgumentException naming the bad parameter */
        public KeyguardConfig build() {
            return new KeyguardConfig(this);
        }
    }
}
