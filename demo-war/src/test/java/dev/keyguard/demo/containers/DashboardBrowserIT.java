package dev.keyguard.demo.containers;

import dev.keyguard.demo.browser.DashboardScenario;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The dashboard scenario ({@link DashboardScenario}) in Chromium against the built {@code
 * keyguard-demo.war}, unchanged, in a stock Tomcat 11 on Keyguard's embedded H2: the password and
 * the flush interval are system properties of the container's JVM. Run by {@code mvn -Pcontainers
 * verify} (failsafe); the container's log stays in {@code
 * target/containers/run/dashboard-tomcat-11/tomcat/logs/console.log}.
 */
class DashboardBrowserIT extends DashboardScenario {

    private Container.Deployment deployment;

    @Override
    protected URI startDemo() throws Exception {
        Path war = Path.of(RunSettings.property("keyguard.it.war"));
        Path instance = RunSettings.freshWorkDir("dashboard-tomcat-11");
        deployment =
                new Tomcat(
                                "tomcat-11",
                                RunSettings.distribution("keyguard.it.tomcat-11"),
                                Tomcat.Database.DATA_DIR)
                        .withSystemProperties(
                                Map.of(
                                        "keyguard.demo.password",
                                        PASSWORD,
                                        "keyguard.last-used.flush-interval",
                                        FLUSH_INTERVAL))
                        .deploy(war, instance);
        return deployment.apps().get(0).base();
    }

    @Override
    protected void stopDemo() throws Exception {
        if (deployment == null) {
            return;
        }
        try {
            deployment.stop();
        } finally {
            deployment.close();
        }
    }
}
