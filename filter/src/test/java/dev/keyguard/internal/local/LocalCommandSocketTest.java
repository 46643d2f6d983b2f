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
import org.junit.jupiter.api.Timeout;
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

    /** Issue 16 review: strings were written with writeUTF, which stops at 64 KiB. */
    @Test
    @Timeout(30) // on the code before, the long word hung the client and the server for good
    @SuppressWarnings("try") // the resource is the server (or client) under test
    void anAnswerLongerThan64KiBComesThroughWhole() throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve("long"));
        String big = "k".repeat(300_000);
        try (LocalCommandSocket socket =
                LocalCommandSocket.serve(
                        dataDir,
                        "test-long-answer",
                        (arguments, out, err) -> {
                            out.print(big);
                            return 0;
                        })) {
            LocalCommandSocket.Answer answer =
                    LocalCommandSocket.send(dataDir, List.of("list", "--org", "a")).orElseThrow();

            assertThat(answer.exitCode()).isZero();
            assertThat(answer.out()).isEqualTo(big);
        }
    }

    @Test
    @Timeout(30) // on the code before, the long word hung the client and the server for good
    @SuppressWarnings("try") // the resource is the server (or client) under test
    void aWordLongerThanTheLimitIsRefusedBeforeAnythingIsSent() throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve("words"));
        List<String> seen = new java.util.ArrayList<>();
        try (LocalCommandSocket socket =
                LocalCommandSocket.serve(
                        dataDir,
                        "test-long-word",
                        (arguments, out, err) -> {
                            seen.addAll(arguments);
                            return 0;
                        })) {
            String name = "n".repeat(LocalCommandSocket.MAX_REQUEST_STRING + 1);

            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () ->
                                    LocalCommandSocket.send(
                                            dataDir,
                                            List.of("create-key", "--org", "a", "--name", name)))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("longer than 64 KiB");
            assertThat(LocalCommandSocket.send(dataDir, List.of("list", "--org", "a")))
                    .map(LocalCommandSocket.Answer::exitCode)
                    .contains(0);
            assertThat(seen).containsExactly("list", "--org", "a");
        }
    }

    /**
     * A process of the same user that connects and sends nothing held the serving thread, and with
     * it the web app's class loader after undeploy: closing ends that connection too.
     */
    @Test
    @Timeout(30) // on the code before, the long word hung the client and the server for good
    @SuppressWarnings("try") // the resource is the server (or client) under test
    void aClientThatSendsNothingDoesNotOutliveClose() throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve("silent"));
        LocalCommandSocket socket =
                LocalCommandSocket.serve(dataDir, "test-silent-client", (a, out, err) -> 0);
        try (java.nio.channels.SocketChannel silent =
                java.nio.channels.SocketChannel.open(
                        UnixDomainSocketAddress.of(
                                dataDir.resolve(LocalCommandSocket.FILE_NAME)))) {
            Thread.sleep(200); // the server is now reading the request that never comes
            long started = System.nanoTime();
            socket.close();

            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(java.time.Duration.ofSeconds(4));
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(t -> t.getName().equals("test-silent-client") && t.isAlive());
        }
    }
}
