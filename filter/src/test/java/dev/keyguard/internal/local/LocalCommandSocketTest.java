package dev.keyguard.internal.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.testing.TestDatabase;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Keyguard on the embedded database serves the key commands on the socket in its data
 * directory, for the command line that cannot open the database while it runs; nothing else does.
 */
class LocalCommandSocketTest {

    @TempDir Path temp;

    private Keyguard startEmbedded(Path dataDir) {
        return Keyguard.start(KeyguardConfig.builder().dataDir(dataDir).build());
    }

    @Test
    void aKeyguardOnTheEmbeddedDatabaseRunsTheCommandsSentToIt() throws Exception {
        Path dataDir = temp.resolve("data");
        try (Keyguard keyguard = startEmbedded(dataDir)) {
            Path socket = dataDir.resolve(LocalCommandSocket.FILE_NAME);
            assertThat(Files.getPosixFilePermissions(socket))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));

            LocalCommandSocket.Answer created =
                    LocalCommandSocket.send(
                                    dataDir,
                                    List.of("create-key", "--org", "initech", "--name", "CI"))
                            .orElseThrow();
            LocalCommandSocket.Answer listed =
                    LocalCommandSocket.send(dataDir, List.of("list", "--org", "initech"))
                            .orElseThrow();
            LocalCommandSocket.Answer bad =
                    LocalCommandSocket.send(dataDir, List.of("list")).orElseThrow();

            assertThat(created.exitCode()).as(created.toString()).isZero();
            assertThat(created.out()).matches("ll_[0-9a-f]{64}\\R");
            assertThat(created.err()).doesNotContain(created.out().strip());
            assertThat(keyguard.verify(created.out().strip())).isPresent();
            assertThat(listed.exitCode()).isZero();
            assertThat(listed.out()).contains("CI").doesNotContain(created.out().strip());
            assertThat(bad.exitCode()).isEqualTo(KeyCommands.USAGE);
            assertThat(bad.err()).contains("list needs --org");
        }
        assertThat(dataDir.resolve(LocalCommandSocket.FILE_NAME)).doesNotExist();
        assertThat(LocalCommandSocket.send(dataDir, List.of("list", "--org", "initech"))).isEmpty();
    }

    @Test
    void aSocketLeftByAKilledProcessIsNoAnswerAndIsReplaced() throws Exception {
        Path dataDir = temp.resolve("data");
        startEmbedded(dataDir).close();
        Path socket = dataDir.resolve(LocalCommandSocket.FILE_NAME);
        ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        gone.bind(UnixDomainSocketAddress.of(socket));
        gone.close(); // as a killed process leaves it: the file, and no one listening
        assertThat(socket).exists();

        assertThat(LocalCommandSocket.send(dataDir, List.of("list", "--org", "acme"))).isEmpty();
        try (Keyguard keyguard = startEmbedded(dataDir)) {
            Optional<LocalCommandSocket.Answer> answer =
                    LocalCommandSocket.send(dataDir, List.of("list", "--org", "acme", "--json"));
            assertThat(answer).get().extracting(LocalCommandSocket.Answer::out).isEqualTo("[]\n");
            assertThat(keyguard.service().list("acme")).isEmpty();
        }
    }

    @Test
    void aKeyguardOnADatabaseServerOpensNoSocket() throws Exception {
        Path dataDir = temp.resolve("data");
        Files.createDirectory(
                dataDir,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (Keyguard keyguard =
                Keyguard.start(TestDatabase.h2().config().dataDir(dataDir).build())) {
            assertThat(keyguard.service().list("acme")).isEmpty();
            assertThat(dataDir.resolve(LocalCommandSocket.FILE_NAME)).doesNotExist();
        }
    }
}
