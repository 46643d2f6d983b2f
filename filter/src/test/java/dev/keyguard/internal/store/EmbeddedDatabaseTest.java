package dev.keyguard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default when the host configures no database: an H2 file in the data directory. */
class EmbeddedDatabaseTest {

    private static final KeyOwner OWNER =
            new KeyOwner("acme", new KeyUser("u1", "A", "B", "a@b.c"));

    @Test
    void keysSurviveARestartOnTheSameDataDirectory(@TempDir Path dataDir) {
        String id;
        try (Keyguard first = Keyguard.start(KeyguardConfig.builder().dataDir(dataDir).build())) {
            id = first.service().create(OWNER, "kept", null).key().id();
        }

        try (Keyguard second = Keyguard.start(KeyguardConfig.builder().dataDir(dataDir).build())) {
            assertThat(second.service().list("acme")).extracting(k -> k.id()).containsExactly(id);
        }
        assertThat(Files.exists(dataDir.resolve("keyguard.mv.db"))).isTrue();
    }

    @Test
    void twoInstancesShareOneDataDirectoryAtOnce(@TempDir Path dataDir) {
        KeyguardConfig config = KeyguardConfig.builder().dataDir(dataDir).build();
        try (Keyguard server = Keyguard.start(config);
                Keyguard cli = Keyguard.start(config)) {
            cli.service().create(OWNER, "minted by the CLI", null);

            assertThat(server.service().list("acme")).hasSize(1);
        }
    }
}
