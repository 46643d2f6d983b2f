package dev.keyguard.bench.http;

import dev.keyguard.bench.db.CountingDriver;
import dev.keyguard.demo.DemoOptions;
import dev.keyguard.demo.DemoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo webapp, started with {@link DemoServer} on 127.0.0.1 (a free port) from its own {@code
 * web.xml}, in the variants the load runs compare. Only the guard of {@code /api/v1/leads} differs:
 * Keyguard as the demo ships it, or another filter in its place (then Keyguard still guards the
 * admin API, so the leads servlet finds it in the context as it does in the demo). Every variant
 * uses the same PostgreSQL database through {@link CountingDriver}, counted under its own tag.
 */
final class Webapps {

    static final String LEADS = "/api/v1/leads";
    private static final Pattern KEYGUARD_MAPPING =
            Pattern.compile(
                    "(<filter-mapping>\\s*<filter-name>keyguard</filter-name>\\s*<url-pattern>)/api/\\*"
                        + "(</url-pattern>(?:\\s*<url-pattern>[^<]*</url-pattern>)*"
                        + "\\s*</filter-mapping>)");
    private static final String KEYGUARD_CLASS =
            "<filter-class>dev.keyguard.ApiKeyFilter</filter-class>";

    private final Database database;

    /**
     * @param url a {@code jdbc:postgresql:} URL
     */
    record Database(String url, String user, String password) {}

    /** A started server, its counted tag and its address. */
    record Started(String name, DemoServer server, String tag, InetSocketAddress address)
            implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    Webapps(Database database) {
        this.database = database;
    }

    /** The demo as shipped: Keyguard on /api/*, with extra Keyguard init-params if any. */
    Started keyguard(String name, Map<String, String> keyguardParams) throws Exception {
        return start(name, keyguardXml(keyguardParams));
    }

    /** The demo with {@code filterClass} guarding /api/v1/leads instead of Keyguard. */
    Started guardedBy(String name, Class<?> filterClass, Map<String, String> filterParams)
            throws Exception {
        return start(name, guardedXml(filterClass, filterParams));
    }

    static String keyguardXml(Map<String, String> keyguardParams) {
        String webXml = demoWebXml();
        StringBuilder params = new StringBuilder();
        keyguardParams.forEach(
                (k, v) ->
                        params.append("\n    <init-param><param-name>")
                                .append(k)
                                .append("</param-name><param-value>")
                                .append(v)
                                .append("</param-value></init-param>"));
        return replaceOnce(
                webXml,
                Pattern.compile(Pattern.quote(KEYGUARD_CLASS)),
                Matcher.quoteReplacement(KEYGUARD_CLASS + params));
    }

    static String guardedXml(Class<?> filterClass, Map<String, String> filterParams) {
        StringBuilder params = new StringBuilder();
        filterParams.forEach(
                (k, v) ->
                        params.append("\n    <init-param><param-name>")
                                .append(k)
                                .append("</param-name><param-value>")
                                .append(v.replace("&", "&amp;"))
                                .append("</param-value></init-param>"));
        String guard =
                "\n  <filter>\n    <filter-name>bench-guard</filter-name>\n    <filter-class>"
                        + filterClass.getName()
                        + "</filter-class>"
                        + params
                        + "\n  </filter>\n"
                        + "  <filter-mapping>\n    <filter-name>bench-guard</filter-name>\n"
                        + "    <url-pattern>"
                        + LEADS
                        + "</url-pattern>\n  </filter-mapping>";
        return replaceOnce(
                demoWebXml(),
                KEYGUARD_MAPPING,
                "$1/api/v1/api-keys/*$2" + Matcher.quoteReplacement(guard));
    }

    /** The JDBC URL a variant's own filter should use: counted under its tag. */
    String countedUrl(String tag) {
        return CountingDriver.url(tag, database.url());
    }

    Database database() {
        return database;
    }

    private Started start(String name, String webXml) throws Exception {
        DemoServer server = DemoServer.create(options(name), webapp(name, webXml));
        URI uri = server.start();
        return new Started(name, server, name, new InetSocketAddress("127.0.0.1", uri.getPort()));
    }

    /** The demo's options for a server of this name: the counted database URL, port 0. */
    DemoOptions options(String name) throws IOException {
        return new DemoOptions(
                "serve",
                0,
                "127.0.0.1",
                Files.createTempDirectory("keyguard-bench-h2"),
                countedUrl(name),
                database.user(),
                database.password(),
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * A webapp directory holding only {@code WEB-INF/web.xml}; classes come from the class path.
     */
    static Path webapp(String name, String webXml) throws IOException {
        Path webapp = Files.createTempDirectory("keyguard-bench-" + name);
        Files.createDirectories(webapp.resolve("WEB-INF"));
        Files.writeString(webapp.resolve("WEB-INF/web.xml"), webXml);
        return webapp;
    }

    private static String demoWebXml() {
        Path file =
                Path.of(
                        System.getProperty(
                                "keyguard.bench.demo-webapp", "demo-war/src/main/webapp"),
                        "WEB-INF",
                        "web.xml");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Run from the repository root, or set"
                            + " -Dkeyguard.bench.demo-webapp: "
                            + file,
                    e);
        }
    }

    private static String replaceOnce(String text, Pattern pattern, String replacement) {
        long found = pattern.matcher(text).results().count();
        if (found != 1) {
            throw new IllegalStateException(
                    "The demo's web.xml changed: "
                            + pattern
                            + " found "
                            + found
                            + " times instead of once; update Webapps");
        }
        return pattern.matcher(text).replaceFirst(replacement);
    }
}
