package dev.keyguard;

import static dev.keyguard.ConfigValues.invalid;
import static dev.keyguard.ConfigValues.parseBoolean;
import static dev.keyguard.ConfigValues.parseDuration;
import static dev.keyguard.ConfigValues.parseInt;
import static dev.keyguard.ConfigValues.parseList;
import static dev.keyguard.ConfigValues.parseLong;
import static dev.keyguard.ConfigValues.requireNotNegative;
import static dev.keyguard.ConfigValues.requirePositive;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.keyguard.key.KeyFormat;
import jakarta.servlet.FilterConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Keyguard's configuration: immutable and validated when built. Made either with {@link #builder()}
 * or from named parameters ({@link #from(Function)}), whose names are the constants below; each
 * constant's default stands beside it.
 *
 * <p>Where the database comes from, first match wins: a {@link Builder#dataSource DataSource}
 * given in code; the JNDI name {@value #DATASOURCE_JNDI}; the JDBC URL {@value #JDBC_URL} (pooled
 * with HikariCP); otherwise an embedded H2 file database in {@value #DATA_DIR}.
 *
 * <p>Durations are written like Caffeine's spec: a whole number and a unit, {@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. Sizes and counts are whole numbers.
 *
 * <p>Where a servlet filter reads its parameters ({@link #from(FilterConfig)}), first match wins:
 * the filter's init-param, the context-param of the web app, the system property, then the
 * environment variable named by {@link #environmentName(String)}.
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

    /** The {@code realm} of the {@code WWW-Authenticate: Bearer} challenge. */
    public static final String REALM = "keyguard.realm";
    public static final String DEFAULT_REALM = "keyguard";
    /** Most keys (valid, unknown or revoked) held in the verification cache of one node. */
    public static final String CACHE_MAXIMUM_SIZE = "keyguard.cache.maximum-size";
    public static final long DEFAULT_CACHE_MAXIMUM_SIZE = 10_000;
    /**
     * Longest a cache entry lives, the safety net: also how long a node keeps accepting its cached
     * keys while the database is down. A key never outlives its own {@code expiresAt} in the cache.
     */
    public static final String CACHE_TTL = "keyguard.cache.ttl";
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
    /**
     * How old a cached valid key may be before the next request with it checks the database
     * again, whatever the key-event feed says: the bound for a change that no event announces (a
     * key revoked by SQL without writing the event). Changes made through Keyguard on any node
     * arrive through the feed, within {@value #EVENTS_POLL_INTERVAL}; while the feed is behind,
     * cached keys are checked after that interval instead. {@code 0s} checks every time.
     */
    public static final String CACHE_REVALIDATE_AFTER = "keyguard.cache.revalidate-after";
    public static final Duration DEFAULT_CACHE_REVALIDATE_AFTER = Duration.ofMinutes(1);
    /**
     * How often each node reads the key-event log for changes made on other nodes: the bound
     * within which a key revoked or rotated on <em>another</em> node is refused here. On
     * PostgreSQL a notification wakes the reader at once ({@value #EVENTS_LISTEN}).
     */
    public static final String EVENTS_POLL_INTERVAL = "keyguard.events.poll-interval";
    public static final Duration DEFAULT_EVENTS_POLL_INTERVAL = Duration.ofSeconds(1);
    /**
     * On PostgreSQL, whether each node holds one extra connection that {@code LISTEN}s for new
     * key events, so that a change reaches it within milliseconds instead of at the next poll.
     * Ignored on other databases.
     */
    public static final String EVENTS_LISTEN = "keyguard.events.listen";
    public static final boolean DEFAULT_EVENTS_LISTEN = true;
    /**
     * How long key events (the audit trail of the Admin API) are kept; older ones are pruned
     * about once an hour. At least {@code 1h}.
     */
    public static final String EVENTS_RETENTION = "keyguard.events.retention";
    public static final Duration DEFAULT_EVENTS_RETENTION = Duration.ofDays(365);
    private static final Duration MIN_EVENTS_RETENTION = Duration.ofHours(1);
    /** How often the uses of keys are written to {@code lastUsedAt}, in one batch. */
    public static final String LAST_USED_FLUSH_INTERVAL = "keyguard.last-used.flush-interval";
    public static final Duration DEFAULT_LAST_USED_FLUSH_INTERVAL = Duration.ofSeconds(5);
    /**
     * Invalid keys one client address may present within {@value #THROTTLE_WINDOW} before it is
     * answered 429 for {@value #THROTTLE_BLOCK}; {@code 0} switches throttling off.
     */
    public static final String THROTTLE_MAX_FAILURES = "keyguard.throttle.max-failures";
    public static final int DEFAULT_THROTTLE_MAX_FAILURES = 20;
    public static final String THROTTLE_WINDOW = "keyguard.throttle.window";
    public static final Duration DEFAULT_THROTTLE_WINDOW = Duration.ofMinutes(1);
    public static final String THROTTLE_BLOCK = "keyguard.throttle.block";
    public static final Duration DEFAULT_THROTTLE_BLOCK = Duration.ofMinutes(5);
    /**
     * Paths inside the filter's mapping that pass without a key, comma-separated, relative to the
     * context path: {@code /health} matches exactly, {@code /public/*} the folder and below.
     */
    public static final String EXCLUDED_PATHS = "keyguard.excluded-paths";
    public static final String DEFAULT_EXCLUDED_PATHS = "";
    /** Whether CORS preflights ({@code OPTIONS}, {@code Access-Control-Request-Method}) pass. */
    public static final String CORS_PREFLIGHT_PASS_THROUGH =
            "keyguard.cors.preflight-pass-through";
    public static final boolean DEFAULT_CORS_PREFLIGHT_PASS_THROUGH = true;

    /**
     * Caffeine's maintenance (eviction, expiry) runs on the calling thread, amortised over
     * reads. Handing it to a pool costs a thread wake-up every few reads, which measured as the
     * largest part of a cache hit (see BENCHMARKS.md); the work itself is small and bounded.
     */
    static final Executor DEFAULT_CACHE_EXECUTOR = Runnable::run;

    private static final Pattern REALM_CHARACTERS =
            Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]{1,100}");
    private static final Pattern EXCLUDED_PATH = Pattern.compile("/[^*\\s,]*(/\\*)?|/\\*");

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
    private final String realm;
    private final long cacheMaximumSize;
    private final Duration cacheTtl;
    private final Duration cacheRevalidateAfter;
    private final Duration eventsPollInterval;
    private final boolean eventsListen;
    private final Duration eventsRetention;
    private final Duration lastUsedFlushInterval;
    private final int throttleMaxFailures;
    private final Duration throttleWindow;
    private final Duration throttleBlock;
    private final List<String> excludedPaths;
    private final boolean corsPreflightPassThrough;
    private final Ticker ticker;
    private final Executor cacheExecutor;

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
        this.realm = b.realm;
        this.cacheMaximumSize = b.cacheMaximumSize;
        this.cacheTtl = b.cacheTtl;
        this.cacheRevalidateAfter = b.cacheRevalidateAfter;
        this.eventsPollInterval = b.eventsPollInterval;
        this.eventsListen = b.eventsListen;
        this.eventsRetention = b.eventsRetention;
        this.lastUsedFlushInterval = b.lastUsedFlushInterval;
        this.throttleMaxFailures = b.throttleMaxFailures;
        this.throttleWindow = b.throttleWindow;
        this.throttleBlock = b.throttleBlock;
        this.excludedPaths = List.copyOf(b.excludedPaths);
        this.corsPreflightPassThrough = b.corsPreflightPassThrough;
        this.ticker = b.ticker;
        this.cacheExecutor = b.cacheExecutor;
        validateWeb();
        if (poolSize < 1 || poolSize > 1000) {
            throw new IllegalArgumentException(
                    "Invalid " + POOL_SIZE + " '" + poolSize + "': use 1 to 1000");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException(
                    "Invalid " + JDBC_URL + ": it must start with 'jdbc:'");
        }
    }

    private void validateWeb() {
        if (realm == null || !REALM_CHARACTERS.matcher(realm).matches()) {
            throw invalid(REALM, realm,
                    "use 1 to 100 printable ASCII characters without '\"' or '\\'");
        }
        if (cacheMaximumSize < 0) {
            throw invalid(CACHE_MAXIMUM_SIZE, cacheMaximumSize, "use 0 or more");
        }
        requirePositive(CACHE_TTL, cacheTtl);
        requireNotNegative(CACHE_REVALIDATE_AFTER, cacheRevalidateAfter);
        requirePositive(EVENTS_POLL_INTERVAL, eventsPollInterval);
        if (eventsRetention == null || eventsRetention.compareTo(MIN_EVENTS_RETENTION) < 0) {
            throw invalid(EVENTS_RETENTION, eventsRetention, "use 1h or more, e.g. 365d");
        }
        requirePositive(LAST_USED_FLUSH_INTERVAL, lastUsedFlushInterval);
        if (throttleMaxFailures < 0) {
            throw invalid(THROTTLE_MAX_FAILURES, throttleMaxFailures,
                    "use 0 (off) or more");
        }
        requirePositive(THROTTLE_WINDOW, throttleWindow);
        requirePositive(THROTTLE_BLOCK, throttleBlock);
        for (String path : excludedPaths) {
            if (!EXCLUDED_PATH.matcher(path).matches()) {
                throw invalid(EXCLUDED_PATHS, path,
                        "use paths like /health or /public/* (a single trailing /* at most)");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads every parameter for a servlet filter: its init-param, else the web app's
     * context-param, else the system property, else the environment variable.
     *
     * @throws IllegalArgumentException naming the parameter and the bad value
     */
    public static Builder from(FilterConfig filterConfig) {
        return from(name -> {
            String value = filterConfig.getInitParameter(name);
            if (value == null && filterConfig.getServletContext() != null) {
                value = filterConfig.getServletContext().getInitParameter(name);
            }
            return value != null ? value : systemSource().apply(name);
        });
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
        set(source, POOL_SIZE, v -> b.poolSize(parseInt(v)));
        set(source, DATA_DIR, v -> b.dataDir(Path.of(v)));
        set(source, KEY_PREFIX, b::keyPrefix);
        set(source, AUTO_MIGRATE, v -> b.autoMigrate(parseBoolean(v)));
        set(source, REALM, b::realm);
        set(source, CACHE_MAXIMUM_SIZE, v -> b.cacheMaximumSize(parseLong(v)));
        set(source, CACHE_TTL, v -> b.cacheTtl(parseDuration(v)));
        set(source, CACHE_REVALIDATE_AFTER, v -> b.cacheRevalidateAfter(parseDuration(v)));
        set(source, EVENTS_POLL_INTERVAL, v -> b.eventsPollInterval(parseDuration(v)));
        set(source, EVENTS_LISTEN, v -> b.eventsListen(parseBoolean(v)));
        set(source, EVENTS_RETENTION, v -> b.eventsRetention(parseDuration(v)));
        set(source, LAST_USED_FLUSH_INTERVAL, v -> b.lastUsedFlushInterval(parseDuration(v)));
        set(source, THROTTLE_MAX_FAILURES,
                v -> b.throttleMaxFailures(parseInt(v)));
        set(source, THROTTLE_WINDOW, v -> b.throttleWindow(parseDuration(v)));
        set(source, THROTTLE_BLOCK, v -> b.throttleBlock(parseDuration(v)));
        set(source, EXCLUDED_PATHS, v -> b.excludedPaths(parseList(v)));
        set(source, CORS_PREFLIGHT_PASS_THROUGH,
                v -> b.corsPreflightPassThrough(parseBoolean(v)));
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
                String message = e.getMessage();
                throw new IllegalArgumentException(message != null && message.startsWith("Invalid ")
                        ? message : "Invalid " + name + ": " + message, e);
            }
        }
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

    public String realm() {
        return realm;
    }

    public long cacheMaximumSize() {
        return cacheMaximumSize;
    }

    public Duration cacheTtl() {
        return cacheTtl;
    }

    public Duration cacheRevalidateAfter() {
        return cacheRevalidateAfter;
    }

    public Duration eventsPollInterval() {
        return eventsPollInterval;
    }

    public boolean eventsListen() {
        return eventsListen;
    }

    public Duration eventsRetention() {
        return eventsRetention;
    }

    public Duration lastUsedFlushInterval() {
        return lastUsedFlushInterval;
    }

    public int throttleMaxFailures() {
        return throttleMaxFailures;
    }

    public Duration throttleWindow() {
        return throttleWindow;
    }

    public Duration throttleBlock() {
        return throttleBlock;
    }

    /** Paths like {@code /health} (exact) or {@code /public/*} (folder and below). */
    public List<String> excludedPaths() {
        return excludedPaths;
    }

    public boolean corsPreflightPassThrough() {
        return corsPreflightPassThrough;
    }

    /** The nanosecond time source of the caches and the throttle. */
    public Ticker ticker() {
        return ticker;
    }

    /** Where the caches run their maintenance. */
    public Executor cacheExecutor() {
        return cacheExecutor;
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
        private String realm = DEFAULT_REALM;
        private long cacheMaximumSize = DEFAULT_CACHE_MAXIMUM_SIZE;
        private Duration cacheTtl = DEFAULT_CACHE_TTL;
        private Duration cacheRevalidateAfter = DEFAULT_CACHE_REVALIDATE_AFTER;
        private Duration eventsPollInterval = DEFAULT_EVENTS_POLL_INTERVAL;
        private boolean eventsListen = DEFAULT_EVENTS_LISTEN;
        private Duration eventsRetention = DEFAULT_EVENTS_RETENTION;
        private Duration lastUsedFlushInterval = DEFAULT_LAST_USED_FLUSH_INTERVAL;
        private int throttleMaxFailures = DEFAULT_THROTTLE_MAX_FAILURES;
        private Duration throttleWindow = DEFAULT_THROTTLE_WINDOW;
        private Duration throttleBlock = DEFAULT_THROTTLE_BLOCK;
        private List<String> excludedPaths = parseList(DEFAULT_EXCLUDED_PATHS);
        private boolean corsPreflightPassThrough = DEFAULT_CORS_PREFLIGHT_PASS_THROUGH;
        private Ticker ticker = Ticker.systemTicker();
        private Executor cacheExecutor = DEFAULT_CACHE_EXECUTOR;

        private Builder() {
        }

        /** See {@link KeyguardConfig#REALM}. */
        public Builder realm(String realm) {
            this.realm = realm;
            return this;
        }

        /** See {@link KeyguardConfig#CACHE_MAXIMUM_SIZE}. */
        public Builder cacheMaximumSize(long cacheMaximumSize) {
            this.cacheMaximumSize = cacheMaximumSize;
            return this;
        }

        /** See {@link KeyguardConfig#CACHE_TTL}. */
        public Builder cacheTtl(Duration cacheTtl) {
            this.cacheTtl = cacheTtl;
            return this;
        }

        /** See {@link KeyguardConfig#CACHE_REVALIDATE_AFTER}. */
        public Builder cacheRevalidateAfter(Duration cacheRevalidateAfter) {
            this.cacheRevalidateAfter = cacheRevalidateAfter;
            return this;
        }

        /** See {@link KeyguardConfig#EVENTS_POLL_INTERVAL}. */
        public Builder eventsPollInterval(Duration eventsPollInterval) {
            this.eventsPollInterval = eventsPollInterval;
            return this;
        }

        /** See {@link KeyguardConfig#EVENTS_LISTEN}. */
        public Builder eventsListen(boolean eventsListen) {
            this.eventsListen = eventsListen;
            return this;
        }

        /** See {@link KeyguardConfig#EVENTS_RETENTION}. */
        public Builder eventsRetention(Duration eventsRetention) {
            this.eventsRetention = eventsRetention;
            return this;
        }

        /** See {@link KeyguardConfig#LAST_USED_FLUSH_INTERVAL}. */
        public Builder lastUsedFlushInterval(Duration lastUsedFlushInterval) {
            this.lastUsedFlushInterval = lastUsedFlushInterval;
            return this;
        }

        /** See {@link KeyguardConfig#THROTTLE_MAX_FAILURES}; {@code 0} switches it off. */
        public Builder throttleMaxFailures(int throttleMaxFailures) {
            this.throttleMaxFailures = throttleMaxFailures;
            return this;
        }

        /** See {@link KeyguardConfig#THROTTLE_WINDOW}. */
        public Builder throttleWindow(Duration throttleWindow) {
            this.throttleWindow = throttleWindow;
            return this;
        }

        /** See {@link KeyguardConfig#THROTTLE_BLOCK}. */
        public Builder throttleBlock(Duration throttleBlock) {
            this.throttleBlock = throttleBlock;
            return this;
        }

        /** See {@link KeyguardConfig#EXCLUDED_PATHS}. */
        public Builder excludedPaths(List<String> excludedPaths) {
            this.excludedPaths = List.copyOf(excludedPaths);
            return this;
        }

        /** See {@link KeyguardConfig#CORS_PREFLIGHT_PASS_THROUGH}. */
        public Builder corsPreflightPassThrough(boolean corsPreflightPassThrough) {
            this.corsPreflightPassThrough = corsPreflightPassThrough;
            return this;
        }

        /** The nanosecond time source of the caches and the throttle; tests pass a fake one. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** Where the caches run maintenance; by default the calling thread. */
        public Builder cacheExecutor(Executor cacheExecutor) {
            this.cacheExecutor = Objects.requireNonNull(cacheExecutor, "cacheExecutor");
            return this;
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
