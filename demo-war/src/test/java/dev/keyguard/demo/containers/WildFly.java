package dev.keyguard.demo.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A stock WildFly distribution ({@code JBOSS_HOME}) run with a server base directory of its own (a
 * copy of its {@code standalone/}) and two deployments, each at its own context root ({@code /} is
 * WildFly's welcome content):
 *
 * <ul>
 *   <li>{@code keyguard-demo.war}: the demo WAR unchanged, with its bundled Jersey and its embedded
 *       H2 in {@code KEYGUARD_DATA_DIR};
 *   <li>{@code keyguard-resteasy.war}: a host's own WAR ({@link HostWar}) whose admin API runs on
 *       WildFly's RESTEasy, on a WildFly datasource found by JNDI, its driver a module.
 * </ul>
 *
 * Public and management interfaces on 127.0.0.1, every port shifted by a free offset.
 */
final class WildFly implements Container {

    /** http, https, management-http, management-https, ajp, txn recovery and status. */
    static final int[] PORTS = {8080, 8443, 9990, 9993, 8009, 4712, 4713};

    private static final List<String> WARS = List.of("keyguard-demo", "keyguard-resteasy");
    private static final String DRIVERS = "<drivers>";
    private static final String H2_MODULE = "dev.keyguard.demo.h2";

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
    public Deployment deploy(Path war, Path instanceDir) throws Exception {
        Path serverDir = Files.createDirectories(instanceDir).resolve("standalone");
        copyTree(home.resolve("standalone"), serverDir);
        Path deployments = serverDir.resolve("deployments");
        Files.copy(war, deployments.resolve("keyguard-demo.war"));
        HostWar.write(war, deployments.resolve("keyguard-resteasy.war"));
        Path demoData = instanceDir.resolve("keyguard-data"); // Keyguard makes it, rwx------
        Path hostData = Files.createDirectories(instanceDir.resolve("host-data"));
        Path modules = instanceDir.resolve("modules");
        addH2Module(modules);
        addDataSource(serverDir.resolve("configuration/standalone.xml"), hostData);
        int offset = FreePorts.offsetFor(PORTS);

        ServerProcess process =
                run(
                        name,
                        home,
                        serverDir,
                        modules,
                        offset,
                        Map.of("KEYGUARD_DATA_DIR", demoData.toString()));
        URI root = URI.create("http://127.0.0.1:" + (8080 + offset) + "/");
        List<App> apps =
                List.of(
                        App.onDataDir(
                                name + " (Jersey in the WAR)",
                                root.resolve("keyguard-demo/"),
                                demoData),
                        App.onContainerH2(
                                name + " (RESTEasy, JNDI datasource)",
                                root.resolve("keyguard-resteasy/"),
                                hostData));
        try {
            process.awaitReady(
                    START_TIMEOUT,
                    () -> {
                        List<String> failures = new ArrayList<>();
                        for (String name : WARS) {
                            Path failed = deployments.resolve(name + ".war.failed");
                            if (Files.exists(failed)) {
                                failures.add(
                                        name
                                                + ".war: "
                                                + Files.readString(failed, StandardCharsets.UTF_8));
                            }
                        }
                        if (!failures.isEmpty()) {
                            throw new IllegalStateException("failed to deploy " + failures);
                        }
                        for (App app : apps) {
                            if (!Http.isUp(app.base().resolve("health"))) {
                                return false;
                            }
                        }
                        return WARS.stream()
                                .allMatch(
                                        w ->
                                                Files.exists(
                                                        deployments.resolve(w + ".war.deployed")));
                    });
        } catch (Exception | AssertionError e) {
            process.close();
            throw e;
        }
        return new Deployment(apps, process, "WFLYSRV0050");
    }

    /**
     * Starts {@code standalone.sh} on the server directory {@code serverDir}, on 127.0.0.1 with the
     * port offset, the extra modules and H2 system properties, and {@code environment} besides.
     */
    static ServerProcess run(
            String name,
            Path home,
            Path serverDir,
            Path modules,
            int offset,
            Map<String, String> environment)
            throws IOException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "sh",
                                home.resolve("bin/standalone.sh").toString(),
                                "-b",
                                "127.0.0.1",
                                "-bmanagement",
                                "127.0.0.1",
                                "-Djboss.server.base.dir=" + serverDir,
                                "-Djboss.socket.binding.port-offset=" + offset));
        command.addAll(Drivers.h2SystemProperties());
        Map<String, String> all = new HashMap<>(environment);
        all.put("JBOSS_HOME", home.toString());
        all.put("JBOSS_MODULEPATH", home.resolve("modules") + ":" + modules);
        all.put("JAVA_HOME", System.getProperty("java.home"));
        // standalone.sh then relays SIGTERM to the JVM instead of dying alone.
        all.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        return ServerProcess.start(
                name,
                command,
                all,
                serverDir.getParent(),
                Files.createDirectories(serverDir.resolve("log")).resolve("console.log"));
    }

    /** The H2 jar the WAR bundles, as a module (what jboss-cli's {@code module add} makes). */
    static void addH2Module(Path modules) throws IOException {
        Path dir = Files.createDirectories(modules.resolve(H2_MODULE.replace('.', '/') + "/main"));
        Path jar = Drivers.h2Jar();
        Files.copy(jar, dir.resolve(jar.getFileName()));
        Files.writeString(
                dir.resolve("module.xml"),
                """
                <module xmlns="urn:jboss:module:1.9" name="%s">
                  <resources>
                    <resource-root path="%s"/>
                  </resources>
                  <dependencies>
                    <module name="java.sql"/>
                    <module name="java.naming"/>
                    <module name="java.management"/>
                    <module name="java.transaction.xa"/>
                    <module name="java.logging"/>
                  </dependencies>
                </module>
                """
                        .formatted(H2_MODULE, jar.getFileName()),
                StandardCharsets.UTF_8);
    }

    /** The datasource and driver of docs/deploy.md, in the instance's standalone.xml. */
    static void addDataSource(Path standaloneXml, Path dataDir) throws IOException {
        String xml = Files.readString(standaloneXml, StandardCharsets.UTF_8);
        if (!xml.contains(DRIVERS)) {
            throw new IllegalStateException("Not the stock standalone.xml: " + standaloneXml);
        }
        xml =
                xml.replace(
                        DRIVERS,
                        """
                        <datasource jndi-name="java:jboss/datasources/KeyguardDS" pool-name="KeyguardDS">
                            <connection-url>%s</connection-url>
                            <driver>keyguard-h2</driver>
                            <security user-name="sa"/>
                        </datasource>
                        <drivers>
                            <driver name="keyguard-h2" module="%s">
                                <driver-class>org.h2.Driver</driver-class>
                            </driver>
                        """
                                .formatted(Drivers.h2Url(dataDir), H2_MODULE));
        Files.writeString(standaloneXml, xml, StandardCharsets.UTF_8);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(
                    path -> {
                        try {
                            Files.copy(path, to.resolve(from.relativize(path).toString()));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }
}
