package dev.keyguard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyguard.testing.ListeningSockets;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, finding 1, played by the attacker: a second local user ({@code nobody}, through {@code
 * runuser}) while {@code java -jar keyguard-demo.war} runs on its embedded database. Before the
 * fix, that user read H2's port and access id from the world-readable lock file, connected with
 * {@code sa} and no password, inserted a key row and used it. Now it can read no file of the data
 * directory, the server listens on no port but HTTP, and {@code create-key} as that user mints
 * nothing; the server's own user still mints keys while it runs, through the socket that Keyguard
 * itself serves in the data directory. With the directory opened to others on purpose (a mistaken
 * {@code chmod}), Keyguard's second check still refuses that user at the socket: it reads the
 * peer's user ({@code SO_PEERCRED}).
 *
 * <p>Needs root (to run as another user) and {@code runuser}: without them the test is skipped, and
 * with {@value #REQUIRE} set to {@code true} (as {@code .ci/run} does) it fails instead. Runs on
 * the packaged WAR, in the {@code executable-war} execution of the POM.
 */
class LocalUserAttackTest {

    static final String REQUIRE = "KEYGUARD_TEST_REQUIRE_OTHER_USER";
    private static final String ATTACKER = "nobody";
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** Readable and enterable by everyone: only the data directory's own permissions guard it. */
    private Path base;

    private Path war;
    private Path h2;
    private Path dataDir;
    private Process demo;

    @BeforeEach
    void setUp() throws Exception {
        requireAnotherUser();
        base = Files.createTempDirectory("keyguard-attack-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        war = readableCopy(Path.of(System.getProperty(ExecutableWarTest.WAR_PROPERTY)));
        h2 =
                readableCopy(
                        Path.of(
                                org.h2.Driver.class
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .toURI()));
        dataDir = base.resolve("data");
    }

    @AfterEach
    void tearDown() throws IOException {
        if (demo != null) {
            demo.destroyForcibly();
        }
        if (base != null) {
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void anotherLocalUserCanNeitherReadNorConnectNorMintAKey() throws Exception {
        Path out = base.resolve("demo.out");
        demo =
                asServer("--port", "0", "--data-dir", dataDir.toString())
                        .redirectOutput(out.toFile())
                        .redirectError(base.resolve("demo.err").toFile())
                        .start();
        URI uri = awaitListening(out);
        Run minted = run(asServer("create-key", "--org", "acme", "--data-dir", dataDir.toString()));
        assertThat(minted.exitCode()).as("the server's own user mints a key: %s", minted).isZero();
        String key = minted.stdout().strip();
        DemoClient api = new DemoClient(uri);
        assertThat(api.get("api/v1/leads", key).statusCode()).isEqualTo(200);

        Run list = run(asAttacker("ls", "-la", dataDir.toString()));
        assertThat(list.exitCode()).as("nobody lists the data directory: %s", list).isNotZero();
        for (String file : List.of("keyguard.mv.db", "keyguard.password")) {
            Run read = run(asAttacker("cat", dataDir.resolve(file).toString()));
            assertThat(read.exitCode()).as("nobody reads %s: %s", file, read).isNotZero();
            assertThat(read.stdout()).isEmpty();
        }
        Run connect =
                run(
                        asAttacker(
                                java(),
                                "-cp",
                                h2.toString(),
                                "org.h2.tools.Shell",
                                "-url",
                                "jdbc:h2:file:" + dataDir.resolve("keyguard") + ";AUTO_SERVER=TRUE",
                                "-user",
                                "sa",
                                "-password",
                                "",
                                "-sql",
                                "SELECT 'inside', COUNT(*) FROM keyguard_api_key"));
        assertThat(connect.stdout() + connect.stderr())
                .as("nobody connects to the database")
                .doesNotContain("inside");
        assertThat(ListeningSockets.ports(demo.pid()))
                .as("the server's listening TCP ports: HTTP only, no database server")
                .containsExactly(uri.getPort());
        Run mint =
                run(
                        asAttacker(
                                java(),
                                "-jar",
                                war.toString(),
                                "create-key",
                                "--org",
                                "acme",
                                "--data-dir",
                                dataDir.toString()));
        assertThat(mint.exitCode()).as("nobody's create-key: %s", mint).isNotZero();
        assertThat(mint.stdout()).doesNotContain("ll_");

        Path socket = dataDir.resolve("keyguard.sock");
        assertThat(Files.getPosixFilePermissions(socket))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        Run throughTheSocket;
        try {
            throughTheSocket =
                    run(
                            asAttacker(
                                    java(),
                                    "-jar",
                                    war.toString(),
                                    "create-key",
                                    "--org",
                                    "acme",
                                    "--data-dir",
                                    dataDir.toString()));
        } finally {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        }
        assertThat(throughTheSocket.exitCode())
                .as("nobody's create-key at a reachable socket: %s", throughTheSocket)
                .isEqualTo(1);
        assertThat(throughTheSocket.stderr()).contains("Only root may run commands");
        assertThat(throughTheSocket.stdout()).doesNotContain("ll_");

        assertThat(DemoClient.json(api.get("api/v1/api-keys", key)).get("data"))
                .as("acme's keys after the attack")
                .hasSize(1);
        assertThat(demo.isAlive()).isTrue();
    }

    private static void requireAnotherUser() {
        List<String> missing = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root (to run a process as another user)");
        }
        if (Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")
                .noneMatch(path -> Files.isExecutable(Path.of(path)))) {
            missing.add("runuser");
        }
        if (!ListeningSockets.available()) {
            missing.add("Linux's /proc");
        }
        if (missing.isEmpty()) {
            return;
        }
        String reason = "The local-user attack needs " + String.join(", ", missing);
        if ("true".equals(System.getenv(REQUIRE))) {
            fail(reason + ", and " + REQUIRE + " is true");
        }
        assumeTrue(false, reason + ": skipped");
    }

    private Path readableCopy(Path file) throws IOException {
        Path copy =
                Files.copy(
                        file,
                        base.resolve(file.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        return copy;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private ProcessBuilder asServer(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", war.toString()));
        command.addAll(List.of(args));
        return withoutKeyguardVariables(new ProcessBuilder(command).directory(base.toFile()));
    }

    private ProcessBuilder asAttacker(String... args) {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", ATTACKER, "--"));
        command.addAll(List.of(args));
        return withoutKeyguardVariables(
                new ProcessBuilder(command).directory(Path.of("/").toFile()));
    }

    /** Without the developer's environment, and with a home directory any user may use. */
    private static ProcessBuilder withoutKeyguardVariables(ProcessBuilder builder) {
        ExecutableWarTest.withoutDeveloperEnvironment(builder).environment().put("HOME", "/tmp");
        return builder;
    }

    private record Run(int exitCode, String stdout, String stderr) {}

    private Run run(ProcessBuilder builder) throws Exception {
        Path stdout = Files.createTempFile(base, "out", ".txt");
        Path stderr = Files.createTempFile(base, "err", ".txt");
        Process process =
                builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("did not end in 120 s: " + builder.command());
        }
        return new Run(
                process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private URI awaitListening(Path out) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline) && demo.isAlive()) {
            Matcher matcher = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "The demo did not start; its stderr:\n"
                        + Files.readString(base.resolve("demo.err"), StandardCharsets.UTF_8));
    }
}
