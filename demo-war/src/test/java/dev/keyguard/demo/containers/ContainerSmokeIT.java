package dev.keyguard.demo.containers;

import static dev.keyguard.demo.DemoClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyguard.demo.DemoClient;
import dev.keyguard.demo.Quickstart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built {@code keyguard-demo.war}, unchanged, in stock Tomcat 11, Tomcat 10.1 and WildFly
 * distributions: deployed, started on 127.0.0.1, the README quickstart over real HTTP with the
 * first key from {@code java -jar keyguard-demo.war create-key} on the container's
 * {@code KEYGUARD_DATA_DIR}, {@code lastUsedAt} written behind, and a clean stop.
 *
 * <p>Run by {@code mvn -Pcontainers verify} (failsafe), which unpacks the distributions and names
 * them in system properties.
 */
class ContainerSmokeIT {

    private static final Duration LAST_USED_WITHIN = Duration.ofSeconds(20);

    /** All three, or those named in {@code -Dkeyguard.it.containers=tomcat-11,wildfly}. */
    static Stream<Container> containers() {
        List<String> only = List.of(System.getProperty("keyguard.it.containers", "").split(","));
        return Stream.of(
                        new Tomcat("tomcat-11", distribution("keyguard.it.tomcat-11")),
                        new Tomcat("tomcat-10.1", distribution("keyguard.it.tomcat-10")),
                        new WildFly("wildfly", distribution("keyguard.it.wildfly")))
                .filter(c -> only.equals(List.of("")) || only.contains(c.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void theQuickstartWorksInAStockContainer(Container container) throws Exception {
        Path war = Path.of(property("keyguard.it.war"));
        Path instance = fresh(Path.of(property("keyguard.it.work")).resolve(container.name()));
        Path dataDir = Files.createDirectories(instance.resolve("keyguard-data"));
        CreateKeyCli cli = new CreateKeyCli(war, dataDir, instance.resolve("create-key.log"));

        long started = System.nanoTime();
        try (Container.Deployment deployment = container.deploy(war, instance.resolve("server"),
                dataDir)) {
            long deployed = System.nanoTime();
            try {
                DemoClient api = new DemoClient(deployment.base());
                Quickstart.Outcome outcome = Quickstart.run(api, cli);
                assertLastUseIsWrittenBehind(api, outcome.acmeKey());
            } catch (Exception | AssertionError e) {
                e.addSuppressed(new AssertionError("End of " + deployment.process().log()
                        + ":\n" + deployment.process().logTail(80)));
                throw e;
            }
            long checked = System.nanoTime();
            deployment.stop();
            System.out.printf("%s: started and deployed in %.1f s, quickstart in %.1f s,"
                    + " stopped in %.1f s%n", container.name(), seconds(started, deployed),
                    seconds(deployed, checked), seconds(checked, System.nanoTime()));
        }
    }

    private static void assertLastUseIsWrittenBehind(DemoClient api, String key) throws Exception {
        long deadline = System.nanoTime() + LAST_USED_WITHIN.toNanos();
        JsonNode listed;
        do {
            Thread.sleep(500);
            listed = json(api.get("api/v1/api-keys", key));
        } while (listed.at("/data/0/lastUsedAt").isNull() && System.nanoTime() < deadline);
        assertThat(listed.at("/data/0/lastUsedAt").asText())
                .as("lastUsedAt within %s s", LAST_USED_WITHIN.toSeconds())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    }

    private static Path distribution(String property) {
        Path home = Path.of(property(property));
        if (!Files.isDirectory(home.resolve("bin"))) {
            throw new IllegalStateException(property + " is not an unpacked distribution: " + home);
        }
        return home;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("No system property " + name
                    + ": run this test with mvn -Pcontainers verify");
        }
        return value;
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
