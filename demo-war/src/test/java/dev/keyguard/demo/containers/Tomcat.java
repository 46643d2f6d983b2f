package dev.keyguard.demo.containers;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A stock Tomcat distribution ({@code CATALINA_HOME}) run with an instance directory of its own
 * ({@code CATALINA_BASE}): a copy of its {@code conf/} whose {@code server.xml} listens on
 * 127.0.0.1 and a free port, with the shutdown port disabled, and the WAR as {@code
 * webapps/ROOT.war}, so the demo is at the root as with {@code java -jar}. On Tomcat 9 the WAR is a
 * javax host's instead ({@link #deploying}).
 *
 * <p>The database is either the demo's embedded H2 in {@code KEYGUARD_DATA_DIR}, or, as in
 * production, a DataSource of the container found by JNDI: a {@code <Resource>} in the web app's
 * context file ({@code conf/Catalina/localhost/ROOT.xml}), its driver in {@code lib/}, and {@code
 * keyguard.datasource.jndi} given as a context parameter of that file, so the WAR itself is not
 * changed.
 */
final class Tomcat implements Container {

    /** The database of a web app: Keyguard's embedded H2, or a JNDI DataSource. */
    enum Database {
        DATA_DIR,
        JNDI
    }

    private static final String SHUTDOWN_PORT = "<Server port=\"8005\" shutdown=\"SHUTDOWN\">";
    private static final String HTTP_CONNECTOR = "<Connector port=\"8080\" protocol=\"HTTP/1.1\"";

    /** Logged by StandardContext when a filter, servlet or listener failed to start. */
    private static final String STARTUP_FAILED = "startup failed due to previous errors";

    private final String name;
    private final Path home;
    private final Database database;
    private final Path hostWar;
    private final Map<String, String> systemProperties;

    Tomcat(String name, Path home, Database database) {
        this(name, home, database, null, Map.of());
    }

    private Tomcat(
            String name,
            Path home,
            Database database,
            Path hostWar,
            Map<String, String> systemProperties) {
        this.name = name;
        this.home = home;
        this.database = database;
        this.hostWar = hostWar;
        this.systemProperties = systemProperties;
    }

    /**
     * This Tomcat, deploying {@code war} instead of the demo WAR given to {@link #deploy}: a host's
     * own, such as the javax host on Tomcat 9, where the demo (a Jakarta EE web app) cannot run.
     * {@code create-key} still comes from the demo WAR.
     */
    Tomcat deploying(Path war) {
        return new Tomcat(name, home, database, war, systemProperties);
    }

    /**
     * This Tomcat, its JVM started with these system properties (in {@code CATALINA_OPTS}, so no
     * value may hold a space): how an operator gives a web app a parameter without changing it.
     */
    Tomcat withSystemProperties(Map<String, String> properties) {
        return new Tomcat(name, home, database, hostWar, Map.copyOf(properties));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public Deployment deploy(Path war, Path instanceDir) throws Exception {
        int port = FreePorts.any();
        Path dataDir = instanceDir.resolve("keyguard-data"); // Keyguard makes it, rwx------
        Path base = instance(home, instanceDir, port);
        Files.copy(hostWar != null ? hostWar : war, base.resolve("webapps/ROOT.war"));

        Map<String, String> environment = environment(home, base);
        List<String> options = new ArrayList<>();
        if (database == Database.DATA_DIR) {
            environment.put("KEYGUARD_DATA_DIR", dataDir.toString());
        } else {
            addJndiDataSource(base, dataDir);
            options.addAll(Drivers.h2SystemProperties());
        }
        systemProperties.forEach((key, value) -> options.add("-D" + key + "=" + value));
        if (!options.isEmpty()) {
            environment.put("CATALINA_OPTS", String.join(" ", options));
        }
        ServerProcess process = run(name, home, base, environment);
        URI uri = URI.create("http://127.0.0.1:" + port + "/");
        try {
            process.awaitReady(
                    START_TIMEOUT,
                    () -> {
                        if (startupFailed(process)) {
                            throw new IllegalStateException("did not start the web app");
                        }
                        return Http.isUp(uri.resolve("health"));
                    });
        } catch (Exception | AssertionError e) {
            process.close();
            throw e;
        }
        return new Deployment(
                List.of(
                        database == Database.DATA_DIR
                                ? App.onDataDir(name, uri, dataDir)
                                : App.onContainerH2(name, uri, dataDir)),
                process,
                "Destroying ProtocolHandler");
    }

    /**
     * A fresh {@code CATALINA_BASE} in {@code instanceDir/tomcat} for the distribution in {@code
     * home}: an empty {@code webapps/}, and a copy of its {@code conf/} that listens on 127.0.0.1
     * and {@code port} only.
     */
    static Path instance(Path home, Path instanceDir, int port) throws IOException {
        Path base = instanceDir.resolve("tomcat");
        for (String dir : List.of("lib", "logs", "temp", "work", "webapps")) {
            Files.createDirectories(base.resolve(dir));
        }
        copyConf(home, base.resolve("conf"), port);
        return base;
    }

    /** The environment that runs {@code catalina.sh} on the instance {@code base}. */
    static Map<String, String> environment(Path home, Path base) {
        return new HashMap<>(
                Map.of(
                        "CATALINA_HOME", home.toString(),
                        "CATALINA_BASE", base.toString(),
                        "JAVA_HOME", System.getProperty("java.home")));
    }

    /** Starts {@code catalina.sh run} on the instance {@code base}. */
    static ServerProcess run(String name, Path home, Path base, Map<String, String> environment)
            throws IOException {
        return ServerProcess.start(
                name,
                List.of("sh", home.resolve("bin/catalina.sh").toString(), "run"),
                environment,
                base,
                base.resolve("logs/console.log"));
    }

    /** Whether the log says a web app failed to start. */
    static boolean startupFailed(ServerProcess process) {
        return process.logText().contains(STARTUP_FAILED);
    }

    private static void copyConf(Path home, Path conf, int port) throws IOException {
        Files.createDirectories(conf);
        try (Stream<Path> files = Files.list(home.resolve("conf"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, conf.resolve(file.getFileName()));
            }
        }
        Path serverXml = conf.resolve("server.xml");
        String xml = Files.readString(serverXml, StandardCharsets.UTF_8);
        if (!xml.contains(SHUTDOWN_PORT) || !xml.contains(HTTP_CONNECTOR)) {
            throw new IllegalStateException(
                    "Not the stock server.xml of a Tomcat 9/10.1/11: "
                            + home.resolve("conf/server.xml"));
        }
        xml =
                xml.replace(SHUTDOWN_PORT, "<Server port=\"-1\" shutdown=\"SHUTDOWN\">")
                        .replace(
                                HTTP_CONNECTOR,
                                "<Connector port=\""
                                        + port
                                        + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"");
        Files.writeString(serverXml, xml, StandardCharsets.UTF_8);
    }

    /** The H2 driver in {@code lib/}, and the context file of docs/deploy.md. */
    private static void addJndiDataSource(Path base, Path dataDir) throws IOException {
        Files.copy(Drivers.h2Jar(), base.resolve("lib").resolve(Drivers.h2Jar().getFileName()));
        Path contextFile =
                Files.createDirectories(base.resolve("conf/Catalina/localhost"))
                        .resolve("ROOT.xml");
        Files.writeString(
                contextFile,
                """
                <Context>
                  <Resource name="jdbc/keyguard" auth="Container" type="javax.sql.DataSource"
                            driverClassName="org.h2.Driver"
                            url="%s"
                            username="sa" password="" maxTotal="10" maxWaitMillis="5000"/>
                  <Parameter name="keyguard.datasource.jndi" value="java:comp/env/jdbc/keyguard"
                             override="false"/>
                </Context>
                """
                        .formatted(Drivers.h2Url(dataDir)),
                StandardCharsets.UTF_8);
    }
}
