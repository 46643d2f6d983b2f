package dev.keyguard.cli;

import dev.keyguard.KeyguardConfig;
import dev.keyguard.internal.local.Arguments.UsageException;
import dev.keyguard.internal.store.JdbcUrls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the database is: {@code --db-url} (with {@code --db-user} and {@code --db-password-file}),
 * or {@code --data-dir} for the embedded one; else the filter's own environment variables ({@code
 * KEYGUARD_JDBC_URL}, {@code KEYGUARD_JDBC_USER}, {@code KEYGUARD_JDBC_PASSWORD}, {@code
 * KEYGUARD_DATA_DIR}), and a JDBC URL before a data directory, as the filter takes them. The
 * password is never an option: a file, or the environment.
 *
 * <p>Every other Keyguard parameter (the key prefix above all: a key must have the prefix the
 * filter checks) comes from the system properties and the environment, as for the filter.
 *
 * @param jdbcUrl the database server's URL, or {@code null} for the embedded database
 * @param dataDir the embedded database's directory, or {@code null} for a database server
 * @param commandLine the command and its own options: what is left of the arguments
 */
record DatabaseOptions(
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        Path dataDir,
        List<String> commandLine) {

    static final List<String> OPTIONS =
            List.of("db-url", "db-user", "db-password-file", "data-dir");

    static final String NO_DATABASE =
            "No database named: give --db-url URL (with --db-user USER and --db-password-file"
                    + " FILE) or --data-dir DIR, or set "
                    + env(KeyguardConfig.JDBC_URL.name())
                    + " or "
                    + env(KeyguardConfig.DATA_DIR.name());

    /**
     * Takes the database options out of the arguments (anywhere), the rest being the command line:
     * the command, then its own options.
     *
     * @param environment the environment variables, e.g. {@code System.getenv()}
     * @throws UsageException for a missing value, options given twice or both kinds of database
     * @throws IOException if the password file cannot be read
     */
    static DatabaseOptions parse(List<String> arguments, Map<String, String> environment)
            throws UsageException, IOException {
        Map<String, String> given = new HashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String word = arguments.get(i);
            String name = word.startsWith("--") ? word.substring(2) : "";
            int equals = name.indexOf('=');
            String value = null;
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (!OPTIONS.contains(name)) {
                rest.add(word);
                continue;
            }
            if (value == null) {
                if (i + 1 == arguments.size() || arguments.get(i + 1).startsWith("--")) {
                    throw new UsageException("Missing value after --" + name);
                }
                value = arguments.get(++i);
            }
            if (value.isBlank()) {
                throw new UsageException("--" + name + " is blank");
            }
            if (given.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        if (given.containsKey("db-url") && given.containsKey("data-dir")) {
            throw new UsageException("Give --db-url or --data-dir, not both");
        }
        if (given.containsKey("data-dir")
                && (given.containsKey("db-user") || given.containsKey("db-password-file"))) {
            throw new UsageException(
                    "--db-user and --db-password-file go with --db-url, not --data-dir");
        }
        String url = given.get("db-url");
        String dataDir = given.get("data-dir");
        if (url == null && dataDir == null) {
            url = blankAsNull(environment.get(env(KeyguardConfig.JDBC_URL.name())));
            dataDir =
                    url != null
                            ? null
                            : blankAsNull(environment.get(env(KeyguardConfig.DATA_DIR.name())));
        }
        if (url == null && dataDir == null) {
            throw new UsageException(NO_DATABASE);
        }
        if (url == null) {
            return new DatabaseOptions(null, null, null, Path.of(dataDir), List.copyOf(rest));
        }
        String user =
                given.getOrDefault(
                        "db-user", environment.get(env(KeyguardConfig.JDBC_USER.name())));
        String passwordFile = given.get("db-password-file");
        String password =
                passwordFile != null
                        ? readPassword(Path.of(passwordFile))
                        : environment.get(env(KeyguardConfig.JDBC_PASSWORD.name()));
        return new DatabaseOptions(url, blankAsNull(user), password, null, List.copyOf(rest));
    }

    /** The file's first line, as a password file holds it. */
    private static String readPassword(Path file) throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).replace("\r", "");
        } catch (IOException e) {
            throw new IOException(
                    "Cannot read --db-password-file " + file + ": " + e.getClass().getSimpleName(),
                    e);
        }
    }

    /**
     * The Keyguard parameters: the database given here (and no other: not the container's JNDI
     * name), a pool of two, no PostgreSQL LISTEN connection (a command is over in a moment); every
     * other parameter from {@code fallback}.
     */
    Function<String, String> keyguardParameters(Function<String, String> fallback) {
        Map<String, String> own = new HashMap<>();
        own.put(KeyguardConfig.DATASOURCE_JNDI.name(), "");
        own.put(KeyguardConfig.JDBC_URL.name(), jdbcUrl == null ? "" : jdbcUrl);
        own.put(KeyguardConfig.JDBC_USER.name(), jdbcUser == null ? "" : jdbcUser);
        own.put(KeyguardConfig.DATA_DIR.name(), dataDir == null ? "" : dataDir.toString());
        own.put(KeyguardConfig.POOL_SIZE.name(), "2");
        own.put(KeyguardConfig.EVENTS_LISTEN.name(), "false");
        return name -> {
            if (name.equals(KeyguardConfig.JDBC_PASSWORD.name())) {
                return jdbcPassword;
            }
            String value = own.get(name);
            return value != null ? blankAsNull(value) : fallback.apply(name);
        };
    }

    /** The environment variable of a Keyguard parameter, as the filter reads it. */
    static String env(String parameter) {
        return parameter.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Leaves the password out. */
    @Override
    public String toString() {
        return "DatabaseOptions[jdbcUrl="
                + (jdbcUrl == null ? null : JdbcUrls.withoutCredentials(jdbcUrl))
                + ", jdbcUser="
                + jdbcUser
                + ", dataDir="
                + dataDir
                + ", commandLine="
                + commandLine
                + "]";
    }
}
