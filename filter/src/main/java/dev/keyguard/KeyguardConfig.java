package dev.keyguard;

import static dev.keyguard.Setting.POSITIVE;

import dev.keyguard.internal.rights.PathRule;
import dev.keyguard.spi.KeyStore;
import dev.keyguard.spi.PersonResolver;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Keyguard's configuration: immutable, and validated when built. Made in code with {@link
 * #builder()}, or from named parameters with {@link #from(Function)}. Each parameter is a {@link
 * Setting} constant below with its default beside it; in {@code web.xml} the filter reads each one
 * from its init-param, else the web app's context-param, else the system property, else the
 * environment variable ({@link Setting#environmentName()}).
 *
 * <p>Where keys are stored: in a {@link KeyStore} given in code ({@link Builder#store}), which
 * takes no database beside it; else in Keyguard's Hibernate store on, first match wins, a {@link
 * DataSource} given in code, the JNDI name {@link #DATASOURCE_JNDI}, the JDBC URL {@link #JDBC_URL}
 * (pooled with HikariCP), or an embedded H2 file database in {@link #DATA_DIR}; with none of these,
 * {@link Keyguard#start} refuses to start, naming them.
 *
 * <p>Durations are written like Caffeine's spec: a whole number and a unit, {@code 500ms}, {@code
 * 30s}, {@code 5m}, {@code 2h}, {@code 1d}. Sizes and counts are whole numbers.
 *
 * <p>To add a parameter: its constant here, its accessor here, its setter on the builder; and its
 * row in docs/filter.md, which a test compares with the constants.
 */
public final class KeyguardConfig {

    // The database and keys.

    /** JNDI name of the host's DataSource, e.g. {@code java:comp/env/jdbc/keyguard}. */
    public static final Setting<String> DATASOURCE_JNDI =
            Setting.text("keyguard.datasource.jndi", null);

    /** JDBC URL of the database; used when no JNDI name is set. */
    public static final Setting<String> JDBC_URL = Setting.jdbcUrl("keyguard.jdbc.url");

    public static final Setting<String> JDBC_USER = Setting.text("keyguard.jdbc.user", null);
    public static final Setting<String> JDBC_PASSWORD = Setting.secret("keyguard.jdbc.password");

    /** Most connections of the pool Keyguard makes for {@link #JDBC_URL} or the embedded H2. */
    public static final Setting<Integer> POOL_SIZE =
            Setting.of(
                    "keyguard.jdbc.pool-size",
                    10,
                    ConfigValues::parseInt,
                    size -> size >= 1 && size <= 1000,
                    "use 1 to 1000");

    /**
     * Directory of the embedded H2 database, used when no other database is set. No default: with
     * no database named at all, Keyguard refuses to start rather than pick a file in the
     * container's working directory (one per node, lost on redeploy). Keyguard makes it readable by
     * its own user only, and refuses one that others may use.
     */
    public static final Setting<Path> DATA_DIR =
            Setting.of("keyguard.data-dir", null, Path::of, path -> true, "");

    /** Prefix of new keys: letters, digits and {@code _}, ending in {@code _}. */
    public static final Setting<String> KEY_PREFIX =
            Setting.of(
                    "keyguard.key-prefix",
                    "ll_",
                    Function.identity(),
                    ConfigValues::isKeyPrefix,
                    "use 2 to 32 letters, digits or '_', ending in '_' (e.g. 'll_')");

    /**
     * Whether keys without a valid checksum (minted before keys carried one, or imported from
     * another system in this format) are looked up too. Off by default: a key whose checksum fails
     * is then refused before the cache and the database, so forged keys cost nothing. Switch it on
     * only on a host that still has such keys, and off once they are rotated.
     */
    public static final Setting<Boolean> KEYS_ACCEPT_WITHOUT_CHECKSUM =
            Setting.flag("keyguard.keys.accept-without-checksum", false);

    /** Whether Keyguard applies its schema migrations on start; off, a DBA applies them. */
    public static final Setting<Boolean> AUTO_MIGRATE =
            Setting.flag("keyguard.schema.auto-migrate", true);

    // The filter and the verification cache.

    /** The {@code realm} of the {@code WWW-Authenticate: Bearer} challenge. */
    public static final Setting<String> REALM =
            Setting.of(
                    "keyguard.realm",
                    "keyguard",
                    Function.identity(),
                    Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]{1,100}").asMatchPredicate(),
                    "use 1 to 100 printable ASCII characters without '\"' or '\\'");

    /** Most keys (valid, unknown or revoked) held in the verification cache of one node. */
    public static final Setting<Long> CACHE_MAXIMUM_SIZE =
            Setting.of(
                    "keyguard.cache.maximum-size",
                    10_000L,
                    ConfigValues::parseLong,
                    size -> size >= 0,
                    "use 0 or more");

    /**
     * Longest a cached answer is used after the database gave it, the safety net (answers past it
     * are removed once per ttl): also how long a node keeps accepting its cached keys while the
     * database is down. A key never outlives its own {@code expiresAt} in the cache.
     */
    public static final Setting<Duration> CACHE_TTL =
            Setting.duration("keyguard.cache.ttl", Duration.ofMinutes(5), POSITIVE);

    /**
     * How old a cached valid key may be before the next request with it checks the database again,
     * whatever the key-event feed says: the bound for a change that no event announces (a key
     * revoked by SQL without writing the event). Changes made through Keyguard on any node arrive
     * through the feed, within {@link #EVENTS_POLL_INTERVAL}; while the feed is behind, cached keys
     * are checked after that interval instead. {@code 0s} checks every time.
     */
    public static final Setting<Duration> CACHE_REVALIDATE_AFTER =
            Setting.duration(
                    "keyguard.cache.revalidate-after", Duration.ofMinutes(1), Duration.ZERO);

    /**
     * How often each node reads the key-event log for changes made on other nodes: the bound within
     * which a key revoked or rotated on <em>another</em> node is refused here. Unset by default:
     * then Keyguard chooses by what can wake the reader, {@link #DEFAULT_POLL_INTERVAL_WITH_LISTEN}
     * on PostgreSQL while {@link #EVENTS_LISTEN} is on (a notification wakes it at once, the poll
     * is only the safety net), {@link #DEFAULT_POLL_INTERVAL} everywhere else (MariaDB, MySQL, H2,
     * a store given in code, or LISTEN off), where the poll is the bound. A value given always
     * wins.
     */
    public static final Setting<Duration> EVENTS_POLL_INTERVAL =
            Setting.duration(
                    "keyguard.events.poll-interval", null, POSITIVE, Duration.ofMillis(100));

    /**
     * The poll interval when {@link #EVENTS_POLL_INTERVAL} is unset and nothing wakes the reader:
     * the bound on MariaDB, MySQL and H2. An idle read is one indexed probe that finds nothing;
     * docs/multi-node.md gives its measured cost.
     */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);

    /**
     * The poll interval when {@link #EVENTS_POLL_INTERVAL} is unset and PostgreSQL's {@code LISTEN}
     * wakes the reader: the safety net for a lost notification or connection.
     */
    public static final Duration DEFAULT_POLL_INTERVAL_WITH_LISTEN = Duration.ofSeconds(1);

    /**
     * On PostgreSQL, whether each node holds one extra connection that {@code LISTEN}s for new key
     * events, so that a change reaches it within milliseconds instead of at the next poll. Ignored
     * on other databases.
     */
    public static final Setting<Boolean> EVENTS_LISTEN =
            Setting.flag("keyguard.events.listen", true);

    /**
     * How long key events (the audit trail of the admin API) are kept; older ones are pruned about
     * once an hour. At least {@code 1h}.
     */
    public static final Setting<Duration> EVENTS_RETENTION =
            Setting.duration(
                    "keyguard.events.retention", Duration.ofDays(365), Duration.ofHours(1));

    /** How often the uses of keys are written to {@code lastUsedAt}, in one batch. */
    public static final Setting<Duration> LAST_USED_FLUSH_INTERVAL =
            Setting.duration("keyguard.last-used.flush-interval", Duration.ofSeconds(5), POSITIVE);

    /**
     * How long the requests per key per day are kept (whole days; part of a day counts as none);
     * older days are deleted about once a day. The usage read ({@code ApiKeyService.usage}) reaches
     * back at most this many days, and at most {@value ApiKeyService#MAX_USAGE_DAYS}. At least
     * {@code 1d}.
     */
    public static final Setting<Duration> USAGE_RETENTION =
            Setting.duration("keyguard.usage.retention", Duration.ofDays(90), Duration.ofDays(1));

    /**
     * Whether Keyguard counts what it decides and keeps its cache's statistics for Micrometer
     * (docs/operations.md), when Micrometer is on its class path; without Micrometer it counts
     * nothing either way.
     */
    public static final Setting<Boolean> METRICS = Setting.flag("keyguard.metrics", true);

    /**
     * Whether Keyguard binds its meters to Micrometer's global registry ({@code
     * Metrics.globalRegistry}) at start; off, only a registry the host binds them to ({@code
     * dev.keyguard.micrometer.KeyguardMetrics}) gets them.
     */
    public static final Setting<Boolean> METRICS_GLOBAL =
            Setting.flag("keyguard.metrics.global", true);

    /**
     * Invalid keys one client address may present within {@link #THROTTLE_WINDOW} before it is
     * answered 429 for {@link #THROTTLE_BLOCK}; {@code 0} switches throttling off.
     */
    public static final Setting<Integer> THROTTLE_MAX_FAILURES =
            Setting.of(
                    "keyguard.throttle.max-failures",
                    20,
                    ConfigValues::parseInt,
                    count -> count >= 0,
                    "use 0 (off) or more");

    public static final Setting<Duration> THROTTLE_WINDOW =
            Setting.duration("keyguard.throttle.window", Duration.ofMinutes(1), POSITIVE);
    public static final Setting<Duration> THROTTLE_BLOCK =
            Setting.duration("keyguard.throttle.block", Duration.ofMinutes(5), POSITIVE);

    /**
     * Database look-ups per second this node may spend on keys that are not cached and turn out not
     * to be valid (unknown, revoked, expired), from every client together; {@code 0} switches the
     * budget off. A cache miss beyond it is answered 503 at once instead of waiting for the pool.
     * Clients with recent failures may spend only the part above a reserve of half the burst.
     */
    public static final Setting<Integer> THROTTLE_LOOKUPS_PER_SECOND =
            Setting.of(
                    "keyguard.throttle.lookups-per-second",
                    100,
                    ConfigValues::parseInt,
                    rate -> rate >= 0 && rate <= 1_000_000,
                    "use 0 (off) to 1000000");

    /** How many such look-ups may come at once before the per-second rate applies. */
    public static final Setting<Integer> THROTTLE_LOOKUP_BURST =
            Setting.of(
                    "keyguard.throttle.lookup-burst",
                    200,
                    ConfigValues::parseInt,
                    burst -> burst >= 2 && burst <= 1_000_000,
                    "use 2 to 1000000");

    /**
     * The paths Keyguard guards when it registers itself (the drop-in: its jars in {@code
     * WEB-INF/lib} and no entry in {@code web.xml}), as servlet URL patterns, comma-separated:
     * {@code /api/*}, {@code /legacy/report}, {@code *.do}. Unset, Keyguard registers nothing; a
     * filter declared in {@code web.xml} ignores it. Read from context-params, system properties
     * and the environment only.
     */
    public static final Setting<List<String>> URL_PATTERNS =
            Setting.of(
                    "keyguard.url-patterns",
                    List.of(),
                    ConfigValues::parseList,
                    patterns -> patterns.stream().allMatch(ConfigValues::isUrlPattern),
                    "use servlet URL patterns such as /api/*, /report or *.do");

    /**
     * Whether the drop-in registration ({@link #URL_PATTERNS}) also mounts the Admin API, {@code
     * KeyguardAdminServlet} at {@code /api/v1/api-keys/*}, and guards that path, when the web app
     * has {@code keyguard-admin-resource}.
     */
    public static final Setting<Boolean> ADMIN_API = Setting.flag("keyguard.admin-api", true);

    /**
     * Paths inside the filter's mapping that pass without a key, comma-separated, relative to the
     * context path: {@code /health} matches exactly, {@code /public/*} the folder and below.
     */
    public static final Setting<List<String>> EXCLUDED_PATHS =
            Setting.of(
                    "keyguard.excluded-paths",
                    List.of(),
                    ConfigValues::parseList,
                    paths -> paths.stream().allMatch(ConfigValues::isExcludedPath),
                    "use paths like /health or /public/* (a single trailing /* at most)");

    /**
     * The scopes this app gives keys, comma- or space-separated, e.g. {@code leads:read
     * leads:write}: names of 1 to 64 of {@code a-z 0-9 : . _ -}, starting with a letter or digit.
     * {@value Scopes#KEYS_MANAGE} (the admin API) is always there. A key restricted to some of them
     * is let through by {@code request.isUserInRole(scope)}, {@code web.xml} constraints,
     * {@code @RolesAllowed} and {@link #PATH_SCOPES}; creating a key with a scope not declared here
     * is a validation error.
     */
    public static final Setting<List<String>> SCOPES =
            Setting.of(
                    "keyguard.scopes",
                    List.of(),
                    ConfigValues::parseWords,
                    scopes -> scopes.size() <= 500 && scopes.stream().allMatch(Scopes::isScopeName),
                    "use at most 500 scope names of 1 to 64 of a-z, 0-9 and : . _ -, starting"
                            + " with a letter or digit, e.g. 'leads:read leads:write'");

    /**
     * The scope a request needs, by method and path, for apps that guard their endpoints neither
     * with {@code web.xml} constraints nor with {@code @RolesAllowed}: rules separated by commas,
     * each {@code [METHODS] PATTERN SCOPE}, e.g. {@code GET|HEAD /leads/* leads:read, /leads/*
     * leads:write}. Methods are joined by {@code |} ({@code *} or none: any; {@code GET} covers
     * {@code HEAD}, which containers answer with the GET handler); the pattern is a servlet URL
     * pattern relative to the context path ({@code /exact}, {@code /folder/*}, {@code *.ext},
     * {@code /*}, or {@code /}: every path, as for the default servlet). The first rule that
     * matches decides; a request no rule matches needs no scope. A key without the scope gets 403
     * {@code insufficient_scope}. Every scope named must be declared in {@link #SCOPES}.
     */
    public static final Setting<List<String>> PATH_SCOPES =
            Setting.of(
                    "keyguard.path-scopes",
                    List.of(),
                    ConfigValues::parseList,
                    rules -> rules.stream().allMatch(KeyguardConfig::isPathRule),
                    "use rules like 'GET|HEAD /leads/* leads:read, /leads/* leads:write'");

    /**
     * Whether CORS preflights ({@code OPTIONS} with {@code Origin} and {@code
     * Access-Control-Request-Method}) pass to the host without a key. Off by default: a preflight
     * that passes reaches every servlet behind the filter unauthenticated (a JAX-RS runtime, for
     * one, answers it with its resource tree). Switch it on only with a CORS filter in front that
     * answers preflights itself.
     */
    public static final Setting<Boolean> CORS_PREFLIGHT_PASS_THROUGH =
            Setting.flag("keyguard.cors.preflight-pass-through", false);

    /**
     * Whether Keyguard also authenticates for the container (Jakarta Authentication): a {@code
     * ServerAuthModule} registered for the web app lets the container's own {@code
     * <security-constraint>}s in {@code web.xml} guard paths by scope, the key's scopes being its
     * roles. Needs a container with Jakarta Authentication 3 (Tomcat 10.1 and 11 have it built in);
     * see docs/deploy.md, "Guarding by scope with the container's own constraints".
     */
    public static final Setting<Boolean> CONTAINER_AUTHENTICATION =
            Setting.flag("keyguard.container-authentication", false);

    /**
     * People manage keys logged in to the host app (the dashboard), with the container's own login:
     * where the mapping from the container's login name to the person is, a path inside the web app
     * ({@code /WEB-INF/keyguard-people.properties}) or a {@code file:} URL. Each line is {@code
     * login = organisation[, first name, last name, email]}; see {@link
     * dev.keyguard.spi.ContainerLogin}. A logged-in user the file does not name is nobody.
     */
    public static final Setting<String> PEOPLE_MAPPING =
            Setting.of(
                    "keyguard.people.mapping",
                    null,
                    String::strip,
                    location -> location.startsWith("/") || location.startsWith("file:"),
                    "use a path inside the web app such as /WEB-INF/keyguard-people.properties,"
                            + " or a file: URL");

    /**
     * People manage keys logged in to the host app (the dashboard), with the host's own login: the
     * class name of the host's {@link dev.keyguard.spi.PersonResolver}, made with its public
     * no-argument constructor from the web app's class loader. Not with {@link #PEOPLE_MAPPING}.
     */
    public static final Setting<String> PEOPLE_RESOLVER =
            Setting.of(
                    "keyguard.people.resolver",
                    null,
                    String::strip,
                    ConfigValues::isClassName,
                    "use the fully qualified name of a class that implements"
                            + " dev.keyguard.spi.PersonResolver");

    /**
     * Where a person logged in to the host app is let in without a key, when people are configured
     * ({@link #PEOPLE_MAPPING}, {@link #PEOPLE_RESOLVER}): the admin API's paths, relative to the
     * context path ({@code /exact} or {@code /folder/*}). Nowhere else does a login stand in for a
     * key.
     */
    public static final Setting<List<String>> PEOPLE_PATHS =
            Setting.of(
                    "keyguard.people.paths",
                    List.of("/api/v1/api-keys/*"),
                    ConfigValues::parseList,
                    paths ->
                            !paths.isEmpty()
                                    && paths.stream().allMatch(p -> ConfigValues.isExcludedPath(p))
                                    && !paths.contains("/*"),
                    "use the admin API's path, such as /api/v1/api-keys/* (not /*)");

    /**
     * Origins besides the request's own from which a person's changes are accepted, comma-separated
     * ({@code https://app.example.com}): for a proxy in front that does not pass the original
     * {@code Host} and scheme on. Every change a person makes must come from the dashboard's page:
     * its {@code Origin} is the request's own or one of these, and it carries the page's anti-CSRF
     * token; otherwise 403 {@code csrf_failed}.
     */
    public static final Setting<List<String>> PEOPLE_ORIGINS =
            Setting.of(
                    "keyguard.people.origins",
                    List.of(),
                    ConfigValues::parseList,
                    origins -> origins.stream().allMatch(ConfigValues::isOrigin),
                    "use origins such as https://app.example.com or http://127.0.0.1:8080");

    /**
     * Where the drop-in mounts the dashboard, the key-management page people use logged in to the
     * host app, relative to the context path; it is mounted when people are configured ({@link
     * #PEOPLE_MAPPING}, {@link #PEOPLE_RESOLVER}) and the admin API is too.
     */
    public static final Setting<String> DASHBOARD_PATH =
            Setting.of(
                    "keyguard.dashboard.path",
                    "/keyguard",
                    String::strip,
                    ConfigValues::isMountPath,
                    "use a path such as /keyguard or /account/api-keys (no trailing slash)");

    /**
     * Where the dashboard sends a person who is not logged in, for a host with its own login
     * ({@link #PEOPLE_RESOLVER}): the host's login page, relative to the context path or absolute;
     * {@code {return}} in it becomes the dashboard's address, URL-encoded. Unset, the dashboard
     * asks the container to log the person in (its {@code <login-config>}).
     */
    public static final Setting<String> DASHBOARD_LOGIN_URL =
            Setting.of(
                    "keyguard.dashboard.login-url",
                    null,
                    String::strip,
                    url ->
                            url.startsWith("/") && !url.startsWith("//")
                                    || url.startsWith("https://")
                                    || url.startsWith("http://"),
                    "use a path such as /login?next={return}, or an http(s) URL");

    /**
     * Every parameter: the public static {@link Setting} constants above, found by reflection so
     * that none can be forgotten here (their order is the JVM's).
     */
    static final List<Setting<?>> SETTINGS =
            Arrays.stream(KeyguardConfig.class.getDeclaredFields())
                    .filter(field -> field.getType() == Setting.class)
                    .map(KeyguardConfig::setting)
                    .toList();

    private final Map<Setting<?>, Object> values;
    private final DataSource dataSource;
    private final KeyStore store;
    private final Clock clock;
    private final PersonResolver people;

    private KeyguardConfig(Builder b) {
        Map<Setting<?>, Object> checked = new IdentityHashMap<>();
        for (Setting<?> setting : SETTINGS) {
            checked.put(setting, checkedValue(setting, b.values));
        }
        this.values = checked;
        this.dataSource = b.dataSource;
        this.store = b.store;
        this.clock = b.clock;
        this.people = b.people;
        refuseTwoPeopleSources(b);
        if (store != null) {
            refuseDatabaseBeside(b);
        }
        refuseUndeclaredPathScopes();
    }

    /** One source of people: two would leave it unclear who is logged in. */
    private void refuseTwoPeopleSources(Builder b) {
        List<String> named = new ArrayList<>();
        if (b.people != null) {
            named.add("a PersonResolver given in code");
        }
        if (peopleMapping() != null) {
            named.add(PEOPLE_MAPPING.name());
        }
        if (peopleResolver() != null) {
            named.add(PEOPLE_RESOLVER.name());
        }
        if (named.size() > 1) {
            throw new IllegalArgumentException(
                    "People come from one place: use one of " + String.join(", ", named));
        }
    }

    private static boolean isPathRule(String rule) {
        try {
            PathRule.parse(rule);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A rule naming a scope no key can be given would refuse every key: a typo, refused here. */
    private void refuseUndeclaredPathScopes() {
        for (String scope : pathScopes().stream().map(r -> PathRule.parse(r).scope()).toList()) {
            if (!scope.equals(Scopes.KEYS_MANAGE) && !scopes().contains(scope)) {
                throw new IllegalArgumentException(
                        "Invalid "
                                + PATH_SCOPES.name()
                                + ": the scope '"
                                + scope
                                + "' is not declared in "
                                + SCOPES.name()
                                + " ("
                                + (scopes().isEmpty()
                                        ? "none declared"
                                        : String.join(" ", scopes()))
                                + ")");
            }
        }
    }

    /**
     * A store given in code keeps the keys itself: a database named beside it would be ignored
     * silently, so it is refused. (The pool size, data directory, migration and LISTEN settings are
     * the Hibernate store's and simply do not apply.)
     */
    private static void refuseDatabaseBeside(Builder b) {
        List<String> named = new ArrayList<>();
        if (b.dataSource != null) {
            named.add("a DataSource");
        }
        for (Setting<?> setting : List.of(DATASOURCE_JNDI, JDBC_URL, JDBC_USER, JDBC_PASSWORD)) {
            if (b.values.get(setting) != null) {
                named.add(setting.name());
            }
        }
        if (!named.isEmpty()) {
            throw new IllegalArgumentException(
                    "A KeyStore given in code keeps the keys itself: remove "
                            + String.join(", ", named)
                            + " (or the store)");
        }
    }

    /** A builder with every parameter at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads every parameter from {@code source}, a function from a parameter's name to its value
     * ({@code null} or blank when unset), e.g. {@code System::getProperty}. The servlet filter
     * reads its own parameters this way.
     *
     * @throws IllegalArgumentException naming the parameter and the bad value
     */
    public static Builder from(Function<String, String> source) {
        Builder builder = builder();
        for (Setting<?> setting : SETTINGS) {
            String raw = source.apply(setting.name());
            if (raw != null && !raw.isBlank()) {
                builder.values.put(setting, setting.parse(raw));
            }
        }
        return builder;
    }

    /**
     * System properties, then environment variables ({@link Setting#environmentName()}): the source
     * for a host without a servlet filter's parameters, and the filter's last two.
     */
    public static Function<String, String> systemSource() {
        return name -> {
            String value = System.getProperty(name);
            return value != null && !value.isBlank()
                    ? value
                    : System.getenv(Setting.environmentName(name));
        };
    }

    /** The {@link KeyStore} given in code, or {@code null} for Keyguard's Hibernate store. */
    public KeyStore store() {
        return store;
    }

    /** A DataSource the host owns, or {@code null}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** See {@link #DATASOURCE_JNDI}. */
    public String jndiName() {
        return get(DATASOURCE_JNDI);
    }

    /** See {@link #JDBC_URL}. */
    public String jdbcUrl() {
        return get(JDBC_URL);
    }

    /** See {@link #JDBC_USER}. */
    public String jdbcUser() {
        return get(JDBC_USER);
    }

    /** Not public: a password has no business in a host's code after it was configured. */
    String jdbcPassword() {
        return get(JDBC_PASSWORD);
    }

    /** See {@link #POOL_SIZE}. */
    public int poolSize() {
        return get(POOL_SIZE);
    }

    /** See {@link #DATA_DIR}; {@code null} if none was given. */
    public Path dataDir() {
        return get(DATA_DIR);
    }

    /** See {@link #KEY_PREFIX}. */
    public String keyPrefix() {
        return get(KEY_PREFIX);
    }

    /** See {@link #KEYS_ACCEPT_WITHOUT_CHECKSUM}. */
    public boolean keysAcceptWithoutChecksum() {
        return get(KEYS_ACCEPT_WITHOUT_CHECKSUM);
    }

    /** See {@link #AUTO_MIGRATE}. */
    public boolean autoMigrate() {
        return get(AUTO_MIGRATE);
    }

    /** The clock for creation, expiry and last use. */
    public Clock clock() {
        return clock;
    }

    /** See {@link #REALM}. */
    public String realm() {
        return get(REALM);
    }

    /** See {@link #CACHE_MAXIMUM_SIZE}. */
    public long cacheMaximumSize() {
        return get(CACHE_MAXIMUM_SIZE);
    }

    /** See {@link #CACHE_TTL}. */
    public Duration cacheTtl() {
        return get(CACHE_TTL);
    }

    /** See {@link #CACHE_REVALIDATE_AFTER}. */
    public Duration cacheRevalidateAfter() {
        return get(CACHE_REVALIDATE_AFTER);
    }

    /**
     * The interval given for {@link #EVENTS_POLL_INTERVAL}, or {@code null} when none was: then
     * Keyguard chooses one by database when it starts (see the constant).
     */
    public Duration eventsPollInterval() {
        return get(EVENTS_POLL_INTERVAL);
    }

    /** See {@link #EVENTS_LISTEN}. */
    public boolean eventsListen() {
        return get(EVENTS_LISTEN);
    }

    /** See {@link #EVENTS_RETENTION}. */
    public Duration eventsRetention() {
        return get(EVENTS_RETENTION);
    }

    /** See {@link #USAGE_RETENTION}. */
    public Duration usageRetention() {
        return get(USAGE_RETENTION);
    }

    /** See {@link #LAST_USED_FLUSH_INTERVAL}. */
    public Duration lastUsedFlushInterval() {
        return get(LAST_USED_FLUSH_INTERVAL);
    }

    /** See {@link #METRICS}. */
    public boolean metrics() {
        return get(METRICS);
    }

    /** See {@link #METRICS_GLOBAL}. */
    public boolean metricsGlobal() {
        return get(METRICS_GLOBAL);
    }

    /** See {@link #THROTTLE_MAX_FAILURES}. */
    public int throttleMaxFailures() {
        return get(THROTTLE_MAX_FAILURES);
    }

    /** See {@link #THROTTLE_WINDOW}. */
    public Duration throttleWindow() {
        return get(THROTTLE_WINDOW);
    }

    /** See {@link #THROTTLE_BLOCK}. */
    public Duration throttleBlock() {
        return get(THROTTLE_BLOCK);
    }

    /** See {@link #THROTTLE_LOOKUPS_PER_SECOND}. */
    public int throttleLookupsPerSecond() {
        return get(THROTTLE_LOOKUPS_PER_SECOND);
    }

    /** See {@link #THROTTLE_LOOKUP_BURST}. */
    public int throttleLookupBurst() {
        return get(THROTTLE_LOOKUP_BURST);
    }

    /** See {@link #SCOPES}; without {@value Scopes#KEYS_MANAGE}, which is always there. */
    public List<String> scopes() {
        return get(SCOPES);
    }

    /** See {@link #PATH_SCOPES}: the rules as written. */
    public List<String> pathScopes() {
        return get(PATH_SCOPES);
    }

    /** Paths like {@code /health} (exact) or {@code /public/*} (folder and below). */
    public List<String> excludedPaths() {
        return get(EXCLUDED_PATHS);
    }

    /** See {@link #CORS_PREFLIGHT_PASS_THROUGH}. */
    public boolean corsPreflightPassThrough() {
        return get(CORS_PREFLIGHT_PASS_THROUGH);
    }

    /** See {@link #CONTAINER_AUTHENTICATION}. */
    public boolean containerAuthentication() {
        return get(CONTAINER_AUTHENTICATION);
    }

    /** The {@link PersonResolver} given in code, or {@code null}. */
    public PersonResolver people() {
        return people;
    }

    public String peopleMapping() {
        return get(PEOPLE_MAPPING);
    }

    public String peopleResolver() {
        return get(PEOPLE_RESOLVER);
    }

    public List<String> peoplePaths() {
        return get(PEOPLE_PATHS);
    }

    public List<String> peopleOrigins() {
        return get(PEOPLE_ORIGINS);
    }

    /** Whether people may manage keys logged in to the host app: a resolver is configured. */
    public boolean hasPeople() {
        return people != null || peopleMapping() != null || peopleResolver() != null;
    }

    public String dashboardPath() {
        return get(DASHBOARD_PATH);
    }

    public String dashboardLoginUrl() {
        return get(DASHBOARD_LOGIN_URL);
    }

    /**
     * Every parameter's value as a person would type it; the password is redacted and a JDBC URL
     * loses the user name and password it may carry.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("KeyguardConfig[");
        for (Setting<?> setting : SETTINGS) {
            text.append(setting.name()).append('=').append(shown(setting)).append(", ");
        }
        return text.append("store=").append(store).append(']').toString();
    }

    private <T> String shown(Setting<T> setting) {
        return setting.show(get(setting));
    }

    @SuppressWarnings("unchecked")
    private <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    private static <T> T checkedValue(Setting<T> setting, Map<Setting<?>, Object> given) {
        @SuppressWarnings("unchecked")
        T value = given.containsKey(setting) ? (T) given.get(setting) : setting.defaultValue();
        return setting.check(value);
    }

    /** A constant's value, refusing one that is not public, static and final, or not yet set. */
    private static Setting<?> setting(Field field) {
        int modifiers = field.getModifiers();
        if (!Modifier.isPublic(modifiers)
                || !Modifier.isStatic(modifiers)
                || !Modifier.isFinal(modifiers)) {
            throw new IllegalStateException(field.getName() + " must be public static final");
        }
        try {
            return Objects.requireNonNull(
                    (Setting<?>) field.get(null), field.getName() + " is declared after SETTINGS");
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds a {@link KeyguardConfig}; not thread-safe. */
    public static final class Builder {
        private final Map<Setting<?>, Object> values = new IdentityHashMap<>();
        private DataSource dataSource;
        private KeyStore store;
        private Clock clock = Clock.systemUTC();
        private PersonResolver people;

        private Builder() {}

        /**
         * Who is logged in to the host app, for the dashboard and the admin API without a key; in
         * place of {@link KeyguardConfig#PEOPLE_MAPPING} and {@link
         * KeyguardConfig#PEOPLE_RESOLVER}.
         */
        public Builder people(PersonResolver people) {
            this.people = people;
            return this;
        }

        /** See {@link KeyguardConfig#PEOPLE_PATHS}. */
        public Builder peoplePaths(List<String> paths) {
            return set(PEOPLE_PATHS, List.copyOf(paths));
        }

        /** See {@link KeyguardConfig#PEOPLE_ORIGINS}. */
        public Builder peopleOrigins(List<String> origins) {
            return set(PEOPLE_ORIGINS, List.copyOf(origins));
        }

        /** See {@link KeyguardConfig#DASHBOARD_LOGIN_URL}. */
        public Builder dashboardLoginUrl(String url) {
            return set(DASHBOARD_LOGIN_URL, url);
        }

        private <T> Builder set(Setting<T> setting, T value) {
            values.put(setting, value);
            return this;
        }

        /**
         * A store of the host's own, e.g. {@link dev.keyguard.spi.InMemoryKeyStore}, instead of
         * Keyguard's Hibernate store; {@link #build()} refuses a DataSource, JNDI name or JDBC
         * settings beside it. The host closes it, after {@link Keyguard#close()} (which writes the
         * last {@code lastUsedAt} times into it).
         */
        public Builder store(KeyStore store) {
            this.store = store;
            return this;
        }

        /** A DataSource the host owns; Keyguard never closes it. Wins over every named source. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** See {@link KeyguardConfig#DATASOURCE_JNDI}. */
        public Builder jndiName(String jndiName) {
            return set(DATASOURCE_JNDI, jndiName);
        }

        /** See {@link KeyguardConfig#JDBC_URL}. */
        public Builder jdbc(String url, String user, String password) {
            return set(JDBC_URL, url).set(JDBC_USER, user).set(JDBC_PASSWORD, password);
        }

        /** See {@link KeyguardConfig#POOL_SIZE}. */
        public Builder poolSize(int poolSize) {
            return set(POOL_SIZE, poolSize);
        }

        /** See {@link KeyguardConfig#DATA_DIR}. */
        public Builder dataDir(Path dataDir) {
            return set(DATA_DIR, Objects.requireNonNull(dataDir, "dataDir"));
        }

        /** See {@link KeyguardConfig#KEY_PREFIX}. */
        public Builder keyPrefix(String keyPrefix) {
            return set(KEY_PREFIX, Objects.requireNonNull(keyPrefix, "keyPrefix"));
        }

        /** See {@link KeyguardConfig#KEYS_ACCEPT_WITHOUT_CHECKSUM}. */
        public Builder keysAcceptWithoutChecksum(boolean keysAcceptWithoutChecksum) {
            return set(KEYS_ACCEPT_WITHOUT_CHECKSUM, keysAcceptWithoutChecksum);
        }

        /** See {@link KeyguardConfig#AUTO_MIGRATE}. */
        public Builder autoMigrate(boolean autoMigrate) {
            return set(AUTO_MIGRATE, autoMigrate);
        }

        /** The clock for creation, expiry and last use; tests pass a fake one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** See {@link KeyguardConfig#REALM}. */
        public Builder realm(String realm) {
            return set(REALM, Objects.requireNonNull(realm, "realm"));
        }

        /** See {@link KeyguardConfig#CACHE_MAXIMUM_SIZE}. */
        public Builder cacheMaximumSize(long cacheMaximumSize) {
            return set(CACHE_MAXIMUM_SIZE, cacheMaximumSize);
        }

        /** See {@link KeyguardConfig#CACHE_TTL}. */
        public Builder cacheTtl(Duration cacheTtl) {
            return set(CACHE_TTL, Objects.requireNonNull(cacheTtl, "cacheTtl"));
        }

        /** See {@link KeyguardConfig#CACHE_REVALIDATE_AFTER}. */
        public Builder cacheRevalidateAfter(Duration cacheRevalidateAfter) {
            return set(
                    CACHE_REVALIDATE_AFTER,
                    Objects.requireNonNull(cacheRevalidateAfter, "cacheRevalidateAfter"));
        }

        /** See {@link KeyguardConfig#EVENTS_POLL_INTERVAL}. */
        public Builder eventsPollInterval(Duration eventsPollInterval) {
            return set(
                    EVENTS_POLL_INTERVAL,
                    Objects.requireNonNull(eventsPollInterval, "eventsPollInterval"));
        }

        /** See {@link KeyguardConfig#EVENTS_LISTEN}. */
        public Builder eventsListen(boolean eventsListen) {
            return set(EVENTS_LISTEN, eventsListen);
        }

        /** See {@link KeyguardConfig#EVENTS_RETENTION}. */
        public Builder eventsRetention(Duration eventsRetention) {
            return set(
                    EVENTS_RETENTION, Objects.requireNonNull(eventsRetention, "eventsRetention"));
        }

        /** See {@link KeyguardConfig#USAGE_RETENTION}. */
        public Builder usageRetention(Duration usageRetention) {
            return set(USAGE_RETENTION, Objects.requireNonNull(usageRetention, "usageRetention"));
        }

        /** See {@link KeyguardConfig#LAST_USED_FLUSH_INTERVAL}. */
        public Builder lastUsedFlushInterval(Duration lastUsedFlushInterval) {
            return set(
                    LAST_USED_FLUSH_INTERVAL,
                    Objects.requireNonNull(lastUsedFlushInterval, "lastUsedFlushInterval"));
        }

        /** See {@link KeyguardConfig#METRICS}. */
        public Builder metrics(boolean metrics) {
            return set(METRICS, metrics);
        }

        /** See {@link KeyguardConfig#METRICS_GLOBAL}. */
        public Builder metricsGlobal(boolean metricsGlobal) {
            return set(METRICS_GLOBAL, metricsGlobal);
        }

        /** See {@link KeyguardConfig#THROTTLE_MAX_FAILURES}; {@code 0} switches it off. */
        public Builder throttleMaxFailures(int throttleMaxFailures) {
            return set(THROTTLE_MAX_FAILURES, throttleMaxFailures);
        }

        /** See {@link KeyguardConfig#THROTTLE_WINDOW}. */
        public Builder throttleWindow(Duration throttleWindow) {
            return set(THROTTLE_WINDOW, Objects.requireNonNull(throttleWindow, "throttleWindow"));
        }

        /** See {@link KeyguardConfig#THROTTLE_BLOCK}. */
        public Builder throttleBlock(Duration throttleBlock) {
            return set(THROTTLE_BLOCK, Objects.requireNonNull(throttleBlock, "throttleBlock"));
        }

        /** See {@link KeyguardConfig#THROTTLE_LOOKUPS_PER_SECOND}; {@code 0} switches it off. */
        public Builder throttleLookupsPerSecond(int throttleLookupsPerSecond) {
            return set(THROTTLE_LOOKUPS_PER_SECOND, throttleLookupsPerSecond);
        }

        /** See {@link KeyguardConfig#THROTTLE_LOOKUP_BURST}. */
        public Builder throttleLookupBurst(int throttleLookupBurst) {
            return set(THROTTLE_LOOKUP_BURST, throttleLookupBurst);
        }

        /** See {@link KeyguardConfig#EXCLUDED_PATHS}. */
        public Builder excludedPaths(List<String> excludedPaths) {
            return set(EXCLUDED_PATHS, List.copyOf(excludedPaths));
        }

        /** See {@link KeyguardConfig#SCOPES}. */
        public Builder scopes(List<String> scopes) {
            return set(SCOPES, List.copyOf(scopes));
        }

        /** See {@link KeyguardConfig#PATH_SCOPES}. */
        public Builder pathScopes(List<String> pathScopes) {
            return set(PATH_SCOPES, List.copyOf(pathScopes));
        }

        /** See {@link KeyguardConfig#CORS_PREFLIGHT_PASS_THROUGH}. */
        public Builder corsPreflightPassThrough(boolean corsPreflightPassThrough) {
            return set(CORS_PREFLIGHT_PASS_THROUGH, corsPreflightPassThrough);
        }

        /** See {@link KeyguardConfig#CONTAINER_AUTHENTICATION}. */
        public Builder containerAuthentication(boolean containerAuthentication) {
            return set(CONTAINER_AUTHENTICATION, containerAuthentication);
        }

        /**
         * @throws IllegalArgumentException naming the bad parameter and its value
         */
        public KeyguardConfig build() {
            return new KeyguardConfig(this);
        }
    }
}
