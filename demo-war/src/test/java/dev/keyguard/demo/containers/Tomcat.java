package dev.keyguard.demo.containers;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A stock Tomcat distribution ({@code CATALINA_HOME}) run with an instance directory of its own
 * ({@code CATALINA_BASE}): a copy of its {@code conf/} whose {@code server.xml} listens on
 * 127.0.0.1 and a free port, with the shutdown port disabled, and the WAR as
 * {@code webapps/ROOT.war}, so the demo is at the root as with {@code java -jar}.
 */
final class Tomcat implements Container {

    private static final String SHUTDOWN_PORT = "<Server port=\"8005\" shutdown=\"SHUTDOWN\">";
    private static final String HTTP_CONNECTOR = "<Connector port=\"8080\" protocol=\"HTTP/1.1\"";
    /** Logged by StandardContext when a filter, servlet or listener failed to start. */
    private static final String STARTUP_FAILED = "startup failed due to previous errors";

    private final String name;
    private final Path home;

    Tomcat(String name, Path home) {
        this.name = name;
        this.home = home;
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
    public Deployment deploy(Path war, Path instanceDir, Path dataDir) throws Exception {
        int port = FreePorts.any();
        for (String dir : List.of("logs", "temp", "work", "webapps")) {
            Files.createDirectories(instanceDir.resolve(dir));
        }
        copyConf(instanceDir.resolve("conf"), port);
        Files.copy(war, instanceDir.resolve("webapps/ROOT.war"));

        ServerProcess process = ServerProcess.start(name,
                List.of("sh", home.resolve("bin/catalina.sh").toString(), "run"),
                Map.of("CATALINA_HOME", home.toString(),
                        "CATALINA_BASE", instanceDir.toString(),
                        "JAVA_HOME", System.getProperty("java.home"),
                        "KEYGUARD_DATA_DIR", dataDir.toString()),
                instanceDir, instanceDir.resolve("logs/console.log"));
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        try {
            process.awaitReady(START_TIMEOUT, () -> {
                if (process.logText().contains(STARTUP_FAILED)) {
                    throw new IllegalStateException("did not start the web app");
                }
                return Http.isUp(base.resolve("health"));
            });
        } catch (Exception | AssertionError e) {
            process.close();
            throw e;
        }
        return new Deployment(base, process, "Destroying ProtocolHandler");
    }

    private void copyConf(Path conf, int port) throws IOException {
        Files.createDirectories(conf);
        try (Stream<Path> files = Files.list(home.resolve("conf"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, conf.resolve(file.getFileName()));
            }
        }
        Path serverXml = conf.resolve("server.xml");
        String xml = Files.readString(serverXml, StandardCharsets.UTF_8);
        if (!xml.contains(SHUTDOWN_PORT) || !xml.contains(HTTP_CONNECTOR)) {
            throw new IllegalStateException("Not the stock server.xml of a Tomcat 10.1/11: "
                    + home.resolve("conf/server.xml"));
        }
        xml = xml.replace(SHUTDOWN_PORT, "<Server port=\"-1\" shutdown=\"SHUTDOWN\">")
                .replace(HTTP_CONNECTOR, "<Connector port=\"" + port
                        + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"");
        Files.writeString(serverXml, xml, StandardCharsets.UTF_8);
    }
}
