package dev.keyguard.demo.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.demo.DemoClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keyguard in hosts that bring their own Hibernate ORM (docs/compatibility.md): a host WAR whose
 * WEB-INF/lib has hibernate-core 6.6 instead of Keyguard's 7, in stock Tomcat 11; and a host with
 * container-managed JPA in stock WildFly with its jpa subsystem on, Keyguard running on WildFly's
 * own Hibernate. In each, the guarded path answers 401 without a key and 200 with one that {@code
 * java -jar keyguard-demo.war create-key} minted on the app's database.
 *
 * <p>Run by {@code mvn -Pcontainers verify}, beside {@link ContainerSmokeIT}.
 */
class HibernateHostsIT {

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aHostOnHibernateSixSixRunsKeyguardInTomcat() throws Exception {
        Path war = Path.of(RunSettings.property("keyguard.it.host-hibernate-6.6"));
        assertThat(libs(war))
                .anyMatch(jar -> jar.startsWith("hibernate-core-6.6."))
                .anyMatch(jar -> jar.startsWith("jakarta.persistence-api-3.1."))
                .noneMatch(jar -> jar.startsWith("hibernate-core-7."))
                .anyMatch(jar -> jar.startsWith("keyguard-filter-"));
        Container tomcat =
                new Tomcat(
                        "tomcat-11-hibernate-6.6",
                        RunSettings.distribution("keyguard.it.tomcat-11"),
                        Tomcat.Database.JNDI);

        try (Container.Deployment deployment = deploy(tomcat, war)) {
            DemoClient host = new DemoClient(deployment.apps().get(0).base());
            HttpResponse<String> guarded = checkGuarded(deployment, host);
            assertThat(guarded.body()).contains("hibernate=6.6.");
            deployment.stop();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aHostWithContainerManagedJpaRunsKeyguardOnWildFlysHibernate() throws Exception {
        Path war = Path.of(RunSettings.property("keyguard.it.host-wildfly-jpa"));
        assertThat(libs(war))
                .noneMatch(jar -> jar.startsWith("hibernate-"))
                .noneMatch(jar -> jar.startsWith("jakarta.persistence-api"))
                .anyMatch(jar -> jar.startsWith("keyguard-filter-"));
        Container wildfly =
                new WildFlyJpaHost("wildfly-jpa", RunSettings.distribution("keyguard.it.wildfly"));

        try (Container.Deployment deployment = deploy(wildfly, war)) {
            DemoClient host = new DemoClient(deployment.apps().get(0).base());

            HttpResponse<String> stored = host.post("notes?text=hello", null, "{}");
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            assertThat(stored.body()).contains("notes=1");
            HttpResponse<String> listed = host.get("notes", null);
            assertThat(listed.body()).contains("notes=1").contains("hibernate=6.6.");

            HttpResponse<String> guarded = checkGuarded(deployment, host);
            assertThat(guarded.body()).contains("hibernate=6.6.");
            assertThat(deployment.process().logText())
                    .doesNotContain("HibernatePersistenceConfiguration")
                    .doesNotContain("Keyguard needs Hibernate ORM");
            deployment.stop();
        }
    }

    private static Container.Deployment deploy(Container container, Path war) throws Exception {
        Path instance = RunSettings.freshWorkDir(container.name());
        return container.deploy(war, instance);
    }

    /** 401 without a key, 200 with one minted by create-key on the app's database. */
    private static HttpResponse<String> checkGuarded(
            Container.Deployment deployment, DemoClient host) throws Exception {
        Container.App app = deployment.apps().get(0);
        try {
            HttpResponse<String> anonymous = host.get("api/whoami", null);
            assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);

            Path log =
                    Path.of(RunSettings.property("keyguard.it.work"))
                            .resolve(app.name() + "-cli.log");
            String key =
                    new CreateKeyCli(
                                    Path.of(RunSettings.property("keyguard.it.war")),
                                    app.database(),
                                    log)
                            .createKey("acme", null);
            HttpResponse<String> allowed = host.get("api/whoami", key);
            assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
            assertThat(allowed.body()).contains("organisation=acme");
            return allowed;
        } catch (Exception | AssertionError e) {
            e.addSuppressed(deployment.process().logEnd());
            throw e;
        }
    }

    /** The file names in the WAR's WEB-INF/lib. */
    private static List<String> libs(Path war) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            return zip.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.startsWith("WEB-INF/lib/") && name.endsWith(".jar"))
                    .map(name -> name.substring("WEB-INF/lib/".length()))
                    .toList();
        }
    }
}
