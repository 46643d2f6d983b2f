package dev.keyguard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host's settings for its own Hibernate, as system properties of the JVM (where Hibernate reads
 * them for every registry it builds), never reach Keyguard's store: with {@code
 * hibernate.hbm2ddl.auto=create-drop} a Keyguard that stops would drop its own tables and lose
 * every key (Flyway, not Hibernate, owns Keyguard's schema). In a JVM of its own, since Hibernate
 * reads system properties once.
 */
class HostHibernateSettingsTest {

    /** Printed by the child: the number of keys the second Keyguard finds. */
    static final String FOUND = "keys found: ";

    @Test
    void theHostsHibernateSystemPropertiesDoNotReachKeyguardsStore(@TempDir Path data)
            throws Exception {
        Process child =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Dhibernate.hbm2ddl.auto=create-drop",
                                "-Djakarta.persistence.validation.mode=callback",
                                "-cp",
                                System.getProperty("java.class.path"),
                                HostHibernateSettingsTest.class.getName(),
                                data.toString())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("child exited").isTrue();

        assertThat(output)
                .as(output)
                .contains(FOUND + 1)
                .doesNotContainIgnoringCase("drop table")
                .doesNotContainIgnoringCase("create table");
        assertThat(child.exitValue()).as(output).isZero();
    }

    /** Mints a key, stops, starts again on the same data directory, and counts the keys. */
    public static void main(String[] args) {
        KeyguardConfig config = KeyguardConfig.builder().dataDir(Path.of(args[0])).build();
        try (Keyguard first = Keyguard.start(config)) {
            first.service()
                    .create(
                            new KeyOwner("acme", new KeyUser("u-1", "Ada", "Lovelace", null)),
                            "kept",
                            null);
        }
        try (Keyguard second = Keyguard.start(config)) {
            System.out.println(FOUND + second.service().list("acme").size());
        }
    }
}
