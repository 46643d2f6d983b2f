package dev.keyguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.ApiKey;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on a data directory that a running Keyguard (this test's JVM) has open, which no other
 * process can open: every command reaches that Keyguard through the socket in the directory, and
 * takes effect there at once.
 */
class CliSocketTest {

    @TempDir Path work;

    @Test
    void everyCommandReachesTheKeyguardThatHasTheDataDirOpen() throws Exception {
        Path dataDir = work.resolve("data");
        CliProcess cli = new CliProcess(work).env("KEYGUARD_DATA_DIR", dataDir.toString());
        try (Keyguard running = Keyguard.start(KeyguardConfig.builder().dataDir(dataDir).build())) {
            String first = cli.run("create-key", "--org", "acme", "--name", "Zapier").key();
            assertThat(running.verify(first)).as("the key minted through the socket").isPresent();
            ApiKey key = running.service().list("acme").get(0);

            CliProcess.Run list = cli.run("list", "--org", "acme").succeeded();
            CliProcess.Run rotate =
                    cli.run("rotate", "--org", "acme", "--id", key.id(), "--grace-period", "0");
            String second = rotate.key();
            String secondId = running.service().list("acme").get(0).id();
            CliProcess.Run revoke =
                    cli.run("revoke", "--org", "acme", "--id", secondId).succeeded();
            CliProcess.Run unknown = cli.run("revoke", "--org", "acme", "--id", secondId);

            assertThat(list.out()).contains(key.id(), "Zapier");
            assertThat(running.verify(first)).as("rotated without grace").isEmpty();
            assertThat(running.verify(second)).as("revoked").isEmpty();
            assertThat(running.service().list("acme"))
                    .as("the rotated key, expired, is listed until revoked")
                    .extracting(ApiKey::id)
                    .containsExactly(key.id());
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.err()).contains("acme has no key " + secondId);
            assertThat(rotate.err() + revoke.err() + list.err() + unknown.err())
                    .doesNotContain(first)
                    .doesNotContain(second);
        }
    }
}
