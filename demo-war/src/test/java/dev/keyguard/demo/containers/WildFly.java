package dev.keyguard.demo.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A stock WildFly distribution ({@code JBOSS_HOME}) run with a server base directory of its own:
 * a copy of its {@code standalone/}, the WAR dropped into {@code deployments/} as
 * {@code keyguard-demo.war} (context {@code /keyguard-demo}; {@code /} is WildFly's welcome
 * content). Public and management interfaces on 127.0.0.1, every port shifted by a free offset.
 */
final class WildFly implements Container {

    /** http, https, management-http, management-https, ajp, txn recovery and status. */
    private static final int[] PORTS = {8080, 8443, 9990, 9993, 8009, 4712, 4713};
    private static final String WAR_NAME = "keyguard-demo.war";

    private final String name;
    private final Path home;

    WildFly(String name, Path home) {
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
        Path serverDir = Files.createDirectories(instanceDir).resolve("standalone");
        copyTree(home.resolve("standalone"), serverDir);
        Path deployments = serverDir.resolve("deployments");
        Files.copy(war, deployments.resolve(WAR_NAME));
        int offset = FreePorts.offsetFor(PORTS);

        ServerProcess process = ServerProcess.start(name,
                List.of("sh", home.resolve("bin/standalone.sh").toString(),
                        "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                        "-Djboss.server.base.dir=" + serverDir,
                        "-Djboss.socket.binding.port-offset=" + offset),
                Map.of("JBOSS_HOME", home.toString(),
                        "JAVA_HOME", System.getProperty("java.home"),
                        // standalone.sh then relays SIGTERM to the JVM instead of dying alone.
                        "LAUNCH_JBOSS_IN_BACKGROUND", "true",
                        "KEYGUARD_DATA_DIR", dataDir.toString()),
                instanceDir, Files.createDirectories(serverDir.resolve("log")).resolve("console.log"));
        URI base = URI.create("http://127.0.0.1:" + (8080 + offset) + "/keyguard-demo/");
        try {
            process.awaitReady(START_TIMEOUT, () -> {
                Path failed = deployments.resolve(WAR_NAME + ".failed");
                if (Files.exists(failed)) {
                    throw new IllegalStateException("failed to deploy the WAR: "
                            + Files.readString(failed, StandardCharsets.UTF_8));
                }
                return Files.exists(deployments.resolve(WAR_NAME + ".deployed"))
                        && Http.isUp(base.resolve("health"));
            });
        } catch (Exception | AssertionError e) {
            process.close();
            throw e;
        }
        return new Deployment(base, process, "WFLYSRV0050");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(path -> {
                try {
                    Files.copy(path, to.resolve(from.relativize(path).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
