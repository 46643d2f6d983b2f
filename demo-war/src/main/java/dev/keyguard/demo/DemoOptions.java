package dev.keyguard.demo;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's command line, parsed. {@code serve} (the default) and {@code create-key} share the
 * database options.
 *
 * <p>It names the Keyguard parameters it sets by their names, not by {@code KeyguardConfig}'s
 * constants: {@code serve} runs it on the launcher's class path, which has no Keyguard (Keyguard
 * runs inside the webapp), and those constants are objects that javac does not inline. {@code
 * DemoOptionsTest} holds the names and the default equal to {@code KeyguardConfig}'s.
 *
 * @param command {@code serve} or {@code create-key}
 * @param port 0 picks a free port
 * @param host address to listen on; 127.0.0.1 unless told otherwise
 */
public record DemoOptions(
        String command,
        int port,
        String host,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String org,
        String userEmail,
        String keyName,
        String expiresAt,
        String scopes,
        String allowedIps) {

    public static final int DEFAULT_PORT = 8080;

    /*
     * Keyguard's parameter names written out (Keyguard has no default data directory; the demo
     * has one, below): the launcher of `java -jar` runs the server with no Keyguard class on its
     * class path (Keyguard lives in the webapp), so naming KeyguardConfig's constants here would
     * fail with NoClassDefFoundError. DemoOptionsTest checks that they equal the constants.
     */
    static final String DEFAULT_DATA_DIR = "keyguard-data";
    static final String DATA_DIR = "keyguard.data-dir";
    static final String JDBC_URL = "keyguard.jdbc.url";
    static final String JDBC_USER = "keyguard.jdbc.user";
    static final String JDBC_PASSWORD = "keyguard.jdbc.password";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String USAGE =
            """
            Usage:
              java -jar keyguard-demo.war [serve] [--port N] [--host ADDR] [--data-dir DIR]
                                          [--db-url URL --db-user USER --db-password PASSWORD]
              java -jar keyguard-demo.war create-key --org ORG [--user EMAIL] [--name NAME]
                                          [--expires-at DATE] [--scopes S,...]
                                          [--allowed-ips CIDR,...] [--data-dir DIR] [--db-url ...]
            --port        default 8080; 0 picks a free port
            --host        default 127.0.0.1
            --data-dir    embedded H2 database directory, default ./keyguard-data
            --db-url      a PostgreSQL or MariaDB JDBC URL instead of the embedded H2
            --scopes      the key's scopes, of leads:read, leads:write, keys:manage (the admin
                          API); default unrestricted
            --allowed-ips IPv4/IPv6 blocks the key may be used from; default anywhere
            create-key prints the new key alone on stdout.\
            """;

    /** Options for a server on {@code port} with its embedded database in {@code dataDir}. */
    public static DemoOptions serve(int port, Path dataDir) {
        return new DemoOptions(
                "serve",
                port,
                DEFAULT_HOST,
                dataDir,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * Whether the command line asks for help: {@code --help} or {@code -h} anywhere ({@code
     * create-key --help} too), or {@code help} as the command.
     */
    public static boolean asksForHelp(List<String> args) {
        return args.contains("--help")
                || args.contains("-h")
                || (!args.isEmpty() && args.get(0).equals("help"));
    }

    /**
     * @throws IllegalArgumentException with a message for the user
     */
    public static DemoOptions parse(List<String> args) {
        Deque<String> rest = new ArrayDeque<>(args);
        String command = "serve";
        if (!rest.isEmpty() && !rest.peek().startsWith("--")) {
            command = rest.pop();
            if (!command.equals("serve") && !command.equals("create-key")) {
                throw new IllegalArgumentException("Unknown command '" + command + "'");
            }
        }
        Map<String, String> flags = new LinkedHashMap<>();
        while (!rest.isEmpty()) {
            String flag = rest.pop();
            if (!flag.startsWith("--") || rest.isEmpty()) {
                throw new IllegalArgumentException(
                        flag.startsWith("--")
                                ? "Missing value after " + flag
                                : "Unexpected argument '" + flag + "'");
            }
            flags.put(flag.substring(2), rest.pop());
        }
        List<String> allowed =
                command.equals("serve")
                        ? List.of("port", "host", "data-dir", "db-url", "db-user", "db-password")
                        : List.of(
                                "org",
                                "user",
                                "name",
                                "expires-at",
                                "scopes",
                                "allowed-ips",
                                "data-dir",
                                "db-url",
                                "db-user",
                                "db-password");
        for (String flag : flags.keySet()) {
            if (!allowed.contains(flag)) {
                throw new IllegalArgumentException("Unknown option --" + flag + " for " + command);
            }
        }
        if (command.equals("create-key") && !flags.containsKey("org")) {
            throw new IllegalArgumentException("create-key needs --org");
        }
        return new DemoOptions(
                command,
                port(flags.getOrDefault("port", "" + DEFAULT_PORT)),
                flags.getOrDefault("host", DEFAULT_HOST),
                Path.of(flags.getOrDefault("data-dir", DEFAULT_DATA_DIR)),
                flags.get("db-url"),
                flags.get("db-user"),
                flags.get("db-password"),
                flags.get("org"),
                flags.get("user"),
                flags.get("name"),
                flags.get("expires-at"),
                flags.get("scopes"),
                flags.get("allowed-ips"));
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new IllegalArgumentException("--port must be 0 to 65535, not '" + value + "'");
    }

    /** The Keyguard parameters these options stand for. */
    public Map<String, String> keyguardParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(DATA_DIR, dataDir.toAbsolutePath().toString());
        if (dbUrl != null) {
            parameters.put(JDBC_URL, dbUrl);
            if (dbUser != null) {
                parameters.put(JDBC_USER, dbUser);
            }
            if (dbPassword != null) {
                parameters.put(JDBC_PASSWORD, dbPassword);
            }
        }
        return parameters;
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "DemoOptions["
                + command
                + ", port="
                + port
                + ", dataDir="
                + dataDir
                + ", dbUrl="
                + dbUrl
                + "]";
    }
}
