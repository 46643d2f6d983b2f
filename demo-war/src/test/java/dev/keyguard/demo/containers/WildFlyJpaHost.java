package dev.keyguard.demo.containers;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A stock WildFly with its jpa subsystem on, as it ships, and one deployment: a host's WAR with a
 * container-managed persistence unit and Keyguard on WildFly's own Hibernate ORM
 * (compat/host-wildfly-jpa), at {@code /host/}. The host's unit is on WildFly's stock {@code
 * ExampleDS}; Keyguard's database is the datasource {@link WildFly} adds ({@code KeyguardDS}, H2
 * that {@code create-key} reaches too). Ports and instance directory as {@link WildFly}'s.
 */
final class WildFlyJpaHost implements Container {

    private static final String WAR = "host";

    private final String name;
    private final Path home;

    WildFlyJpaHost(String name, Path home) {
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
        WildFly.copyTree(home.resolve("standalone"), serverDir);
        Path deployments = serverDir.resolve("deployments");
        Files.copy(war, deployments.resolve(WAR + ".war"));
        Path hostData = Files.createDirectories(instanceDir.resolve("host-data"));
        Path modules = instanceDir.resolve("modules");
        WildFly.addH2Module(modules);
        WildFly.addDataSource(serverDir.resolve("configuration/standalone.xml"), hostData);
        int offset = FreePorts.offsetFor(WildFly.PORTS);
        ServerProcess process = WildFly.run(name, home, serverDir, modules, offset, Map.of());
        URI base = URI.create("http://127.0.0.1:" + (8080 + offset) + "/" + WAR + "/");
        try {
            process.awaitReady(
                    START_TIMEOUT,
                    () -> {
                        Path failed = deployments.resolve(WAR + ".war.failed");
                        if (Files.exists(failed)) {
                            throw new IllegalStateException(
                                    "failed to deploy "
                                            + Files.readString(failed, StandardCharsets.UTF_8));
                        }
                        return Files.exists(deployments.resolve(WAR + ".war.deployed"))
                                && Http.isUp(base.resolve("health"));
                    });
        } catch (Exception | AssertionError e) {
            process.close();
            throw e;
        }
        return new Deployment(
                List.of(App.onContainerH2(name, base, hostData)), process, "WFLYSRV0050");
    }
}
