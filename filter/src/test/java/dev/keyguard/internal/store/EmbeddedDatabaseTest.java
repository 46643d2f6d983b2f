package dev.keyguard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.testing.ListeningSockets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 database: only when the host names its directory, and private to the user that
 * runs Keyguard (issue 13, findings 1 and 2). The attack by another local user, as another process,
 * is in the demo's {@code LocalUserAttackTest}.
 */
class EmbeddedDatabaseTest {

    private static final KeyOwner OWNER =
            new KeyOwner("acme", new KeyUser("u1", "A", "B", "a@b.c"));

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger embedded = (Logger) LoggerFactory.getLogger(EmbeddedDatabase.class);

    @TempDir Path temp;

    @BeforeEach
    void captureLogs() {
        appender.start();
        embedded.addAppender(appender);
    }

    @AfterEach
    void stopCapturing() {
        embedded.detachAppender(appender);
    }

    private static Keyguard start(Path dataDir) {
        return Keyguard.start(KeyguardConfig.builder().dataDir(dataDir).build());
    }

    @Test
    void keysSurviveARestartOnTheSameDataDirectory() {
        Path dataDir = temp.resolve("data");
        String id;
        try (Keyguard first = start(dataDir)) {
            id = first.service().create(OWNER, "kept", null).key().id();
        }

        try (Keyguard second = start(dataDir)) {
            assertThat(second.service().list("acme")).extracting(k -> k.id()).containsExactly(id);
        }
        assertThat(dataDir.resolve("keyguard.mv.db")).exists();
    }

    @Test
    void twoInstancesInOneProcessShareTheDatabase() {
        Path dataDir = temp.resolve("data");
        try (Keyguard server = start(dataDir);
                Keyguard second = start(dataDir)) {
            second.service().create(OWNER, "minted by the second", null);

            assertThat(server.service().list("acme")).hasSize(1);
        }
    }

    @Test
    void aHostThatNamesNoDatabaseIsRefusedWithTheWaysToNameOne() {
        assertThatThrownBy(() -> Keyguard.start(KeyguardConfig.builder().build()).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Keyguard has no database")
                .hasMessageContaining("keyguard.datasource.jndi")
                .hasMessageContaining("keyguard.jdbc.url")
                .hasMessageContaining("keyguard.data-dir");
        assertThat(Path.of("keyguard-data")).doesNotExist();
    }

    @Test
    void aHostThatNamesTheDataDirectoryIsToldAtInfo() {
        Path dataDir = temp.resolve("data");
        try (Keyguard keyguard =
                Keyguard.start(
                        KeyguardConfig.from(
                                        Map.of(KeyguardConfig.DATA_DIR.name(), dataDir.toString())
                                                ::get)
                                .build())) {
            assertThat(keyguard.service().list("acme")).isEmpty();
        }

        assertThat(appender.list)
                .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        tuple(
                                Level.INFO,
                                "Keyguard is using its embedded H2 database in "
                                        + dataDir.toAbsolutePath().normalize()));
    }

    @Test
    void theDirectoryAndEveryFileInItAreTheOwnersAlone() throws IOException {
        Path dataDir = temp.resolve("made/by/keyguard");
        try (Keyguard keyguard = start(dataDir)) {
            keyguard.service().create(OWNER, "a key", null);
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files)
                    .isNotEmpty()
                    .allSatisfy(
                            file ->
                                    assertThat(
                                                    PosixFilePermissions.toString(
                                                            Files.getPosixFilePermissions(file)))
                                            .as(file.toString())
                                            .isEqualTo("rw-------"));
        }
        assertThat(Files.readString(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE)))
                .matches("[0-9a-f]{64}\n");
        assertThat(dataDir.resolve("keyguard.trace.db")).doesNotExist();
    }

    @Test
    void theDatabaseTakesOnlyItsRandomPassword() throws Exception {
        Path dataDir = temp.resolve("data");
        start(dataDir).close();
        String password = Files.readString(dataDir.resolve("keyguard.password")).strip();

        assertThatThrownBy(() -> DriverManager.getConnection(url(dataDir), "sa", "").close())
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getErrorCode())
                .isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD);
        DriverManager.getConnection(url(dataDir), "sa", password).close();
    }

    @Test
    void aDirectoryOthersMayEnterIsRefusedNamingIt() throws IOException {
        Path dataDir = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> start(dataDir).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dataDir.toString())
                .hasMessageContaining("rwxr-xr-x")
                .hasMessageContaining("chmod 700 " + dataDir);
        assertThat(dataDir.resolve("keyguard.mv.db")).doesNotExist();
    }

    @Test
    void aDirectoryThatAnotherUserOwnsIsRefused() throws IOException {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "only root can give a directory to another user (CI runs as root)");
        Path dataDir = Files.createDirectory(temp.resolve("theirs"));
        UserPrincipal nobody =
                dataDir.getFileSystem()
                        .getUserPrincipalLookupService()
                        .lookupPrincipalByName("nobody");
        Files.setOwner(dataDir, nobody);

        assertThatThrownBy(() -> start(dataDir).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dataDir + " belongs to nobody");
    }

    @Test
    void aDatabaseOfAnEarlierKeyguardWithoutPasswordGetsOne() throws Exception {
        Path dataDir = Files.createDirectory(temp.resolve("earlier"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        DriverManager.getConnection(url(dataDir), "sa", "").close();

        try (Keyguard keyguard = start(dataDir)) {
            keyguard.service().create(OWNER, "after the upgrade", null);
        }

        assertThatThrownBy(() -> DriverManager.getConnection(url(dataDir), "sa", "").close())
                .isInstanceOf(SQLException.class);
        assertThat(appender.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .contains("Keyguard gave its embedded database in " + dataDir + " a password");
    }

    @Test
    void aReplacedPasswordFileIsSaidPlainly() throws Exception {
        Path dataDir = temp.resolve("data");
        start(dataDir).close();
        Files.writeString(dataDir.resolve("keyguard.password"), "0123abcd\n");

        assertThatThrownBy(() -> start(dataDir).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not take the password in " + dataDir);
    }

    @Test
    void startingOpensNoNetworkPort() throws IOException {
        assumeTrue(ListeningSockets.available(), "needs Linux's /proc/net/tcp");
        long self = ProcessHandle.current().pid();
        List<Integer> before = ListeningSockets.ports(self);

        try (Keyguard keyguard = start(temp.resolve("data"))) {
            keyguard.service().create(OWNER, "a key", null);

            List<Integer> opened = new ArrayList<>(ListeningSockets.ports(self));
            opened.removeAll(before);
            assertThat(opened).as("TCP sockets listening since Keyguard started").isEmpty();
        }
    }

    @Test
    void anotherProcessOnTheSameDirectoryIsRefusedWithAClearMessage() throws Exception {
        Path dataDir = temp.resolve("data");
        start(dataDir).close();
        String password = Files.readString(dataDir.resolve("keyguard.password")).strip();
        Path h2 =
                Path.of(
                        org.h2.Driver.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        Process holder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                h2.toString(),
                                "org.h2.tools.Shell",
                                "-url",
                                url(dataDir),
                                "-user",
                                "sa",
                                "-password",
                                password)
                        .redirectErrorStream(true)
                        .start();
        try {
            awaitHeld(holder);

            assertThatThrownBy(() -> start(dataDir).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(
                            "Keyguard's embedded database in "
                                    + dataDir
                                    + " is open in another process");
        } finally {
            holder.getOutputStream().close();
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Waits until the shell has connected: it then prompts for SQL. */
    private static void awaitHeld(Process shell) throws IOException {
        StringBuilder seen = new StringBuilder();
        InputStream output = shell.getInputStream();
        for (int c; (c = output.read()) != -1; ) {
            seen.append((char) c);
            if (seen.toString().endsWith("sql> ")) {
                return;
            }
        }
        throw new AssertionError("the other process never opened the database: " + seen);
    }

    private static String url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("keyguard");
    }
}
