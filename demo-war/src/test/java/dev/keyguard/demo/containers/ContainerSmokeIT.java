package dev.keyguard.demo.containers;

import static dev.keyguard.demo.DemoClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyguard.demo.DemoClient;
import dev.keyguard.demo.Quickstart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built {@code keyguard-demo.war}, unchanged, in stock Tomcat 11, Tomcat 10.1 and WildFly
 * distributions: deployed, started on 127.0.0.1, the README quickstart over real HTTP with the
 * first keys from {@code java -jar keyguard-demo.war create-key} on the web app's database, {@code
 * lastUsedAt} written behind, and a clean stop on SIGTERM. Between them the containers also run the
 * database and JAX-RS set-ups of docs/deploy.md: Tomcat 11 on {@code KEYGUARD_DATA_DIR}, Tomcat
 * 10.1 on a JNDI DataSource from its context file, and WildFly with a second WAR, a host's own, on
 * WildFly's RESTEasy and a WildFly datasource. Stock Tomcat 9 runs a javax.servlet host's WAR
 * instead (javax/host-war: keyguard-filter-javax, and keyguard-admin-resource-javax on Jersey 2;
 * javax/host-war-resteasy: the same on RESTEasy 4) on a JNDI DataSource, with its keys from the
 * same {@code create-key}.
 *
 * <p>Run by {@code mvn -Pcontainers verify} (failsafe), which unpacks the distributions and names
 * them in system properties; {@code -Dkeyguard.it.containers=wildfly} runs only some.
 */
class ContainerSmokeIT {

    private static final Duration LAST_USED_WITHIN = Duration.ofSeconds(20);

    static Stream<Container> containers() {
        List<String> only = List.of(System.getProperty("keyguard.it.containers", "").split(","));
        return Stream.of(
                        new Tomcat(
                                "tomcat-11",
                                RunSettings.distribution("keyguard.it.tomcat-11"),
                                Tomcat.Database.DATA_DIR),
                        new Tomcat(
                                "tomcat-10.1",
                                RunSettings.distribution("keyguard.it.tomcat-10"),
                                Tomcat.Database.JNDI),
                        new WildFly("wildfly", RunSettings.distribution("keyguard.it.wildfly")),
                        new Tomcat(
                                        "tomcat-9-javax",
                                        RunSettings.distribution("keyguard.it.tomcat-9"),
                                        Tomcat.Database.JNDI)
                                .deploying(
                                        Path.of(
                                                RunSettings.property(
                                                        "keyguard.it.javax-host-war"))),
                        new Tomcat(
                                        "tomcat-9-javax-resteasy",
                                        RunSettings.distribution("keyguard.it.tomcat-9"),
                                        Tomcat.Database.JNDI)
                                .deploying(
                                        Path.of(
                                                RunSettings.property(
                                                        "keyguard.it.javax-host-resteasy-war"))))
                .filter(c -> only.equals(List.of("")) || only.contains(c.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void theQuickstartWorksInAStockContainer(Container container) throws Exception {
        Path war = Path.of(RunSettings.property("keyguard.it.war"));
        Path instance = RunSettings.freshWorkDir(container.name());

        long started = System.nanoTime();
        try (Container.Deployment deployment = container.deploy(war, instance)) {
            long deployed = System.nanoTime();
            try {
                for (Container.App app : deployment.apps()) {
                    CreateKeyCli cli =
                            new CreateKeyCli(
                                    war, app.database(), instance.resolve("create-key.log"));
                    DemoClient api = new DemoClient(app.base());
                    Quickstart.Outcome outcome = Quickstart.run(api, cli);
                    assertLastUseIsWrittenBehind(api, outcome.acmeKey());
                }
            } catch (Exception | AssertionError e) {
                e.addSuppressed(deployment.process().logEnd());
                throw e;
            }
            long checked = System.nanoTime();
            deployment.stop();
            System.out.printf(
                    "%s: started and deployed in %.1f s, quickstart (%d web apps) in"
                            + " %.1f s, stopped in %.1f s%n",
                    container.name(),
                    seconds(started, deployed),
                    deployment.apps().size(),
                    seconds(deployed, checked),
                    seconds(checked, System.nanoTime()));
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

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
