package dev.keyguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.KeyguardConfig;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void theParameterNamesAreKeyguardConfigs() {
        assertThat(DemoOptions.DATA_DIR).isEqualTo(KeyguardConfig.DATA_DIR.name());
        assertThat(DemoOptions.JDBC_URL).isEqualTo(KeyguardConfig.JDBC_URL.name());
        assertThat(DemoOptions.JDBC_USER).isEqualTo(KeyguardConfig.JDBC_USER.name());
        assertThat(DemoOptions.JDBC_PASSWORD).isEqualTo(KeyguardConfig.JDBC_PASSWORD.name());
    }

    /** Issue 16: {@code create-key --help} said "Missing value after --help". */
    @Test
    void helpIsAskedForAnywhereOnTheCommandLine() {
        for (List<String> args :
                List.of(
                        List.of("--help"),
                        List.of("-h"),
                        List.of("help"),
                        List.of("create-key", "--help"),
                        List.of("create-key", "--org", "acme", "-h"),
                        List.of("serve", "--port", "0", "--help"))) {
            assertThat(DemoOptions.asksForHelp(args)).as("%s", args).isTrue();
        }
        assertThat(DemoOptions.asksForHelp(List.of("create-key", "--org", "acme"))).isFalse();
        assertThat(DemoOptions.USAGE).contains("create-key --org ORG");
    }

    /**
     * {@code java -jar} runs {@code serve} on the launcher's class path, without Keyguard's jars
     * (they are the webapp's, in WEB-INF/lib): the options must parse there.
     */
    @Test
    void parsesWithoutKeyguardOnTheClassPath() throws Exception {
        URL demoClasses = DemoOptions.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader launcher =
                new URLClassLoader(new URL[] {demoClasses}, ClassLoader.getPlatformClassLoader())) {
            assertThat(launcher.getResource("dev/keyguard/KeyguardConfig.class")).isNull();
            Class<?> options = launcher.loadClass(DemoOptions.class.getName());
            Object parsed =
                    options.getMethod("parse", List.class)
                            .invoke(
                                    null,
                                    List.of(
                                            "--port",
                                            "0",
                                            "--db-url",
                                            "jdbc:h2:mem:x",
                                            "--db-user",
                                            "sa"));
            Method parameters = options.getMethod("keyguardParameters");

            assertThat(parameters.invoke(parsed))
                    .asInstanceOf(InstanceOfAssertFactories.map(String.class, String.class))
                    .containsKey("keyguard.data-dir")
                    .doesNotContainKey("keyguard.jdbc.password")
                    .containsEntry("keyguard.jdbc.url", "jdbc:h2:mem:x")
                    .containsEntry("keyguard.jdbc.user", "sa");
        }
    }
}
