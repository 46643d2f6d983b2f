package dev.keyguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the packaged jar: exit code 2 with the message and the usage line for a command line
 * that is wrong, 1 with one line in words for what fails; never a stack trace, never a change.
 */
class CliErrorsTest {

    @TempDir Path work;
    private CliProcess cli;
    private String dataDir;

    @BeforeEach
    void setUp() {
        cli = new CliProcess(work);
        dataDir = work.resolve("data").toString();
    }

    @Test
    void aWrongCommandLineIsExitCode2WithTheMessageAndTheUsageLine() throws Exception {
        assertUsage(cli.run("create-key", "--data-dir", dataDir), "create-key needs --org");
        assertUsage(
                cli.run(
                        "create-key",
                        "--org",
                        "acme",
                        "--expires-at",
                        "next week",
                        "--data-dir",
                        dataDir),
                "--expires-at must be an ISO 8601 date");
        assertUsage(
                cli.run(
                        "create-key",
                        "--org",
                        "acme",
                        "--expires-at",
                        "2001-01-01",
                        "--data-dir",
                        dataDir),
                "--expires-at must be in the future");
        assertUsage(
                cli.run(
                        "rotate",
                        "--org",
                        "acme",
                        "--id",
                        "k",
                        "--grace-period",
                        "forever",
                        "--data-dir",
                        dataDir),
                "--grace-period must be 0 or");
        assertUsage(cli.run("revoke", "--org", "acme", "--data-dir", dataDir), "revoke needs --id");
        assertUsage(
                cli.run("list", "--org", "acme", "--colour", "red", "--data-dir", dataDir),
                "Unknown option --colour for list");
        assertUsage(
                cli.run("list", "--org", "acme", "--data-dir"), "Missing value after --data-dir");
        assertUsage(cli.run("list", "--org", "acme"), "No database named");
        assertUsage(
                cli.run(
                        "list",
                        "--org",
                        "acme",
                        "--data-dir",
                        dataDir,
                        "--db-url",
                        "jdbc:h2:mem:x"),
                "Give --db-url or --data-dir, not both");
        assertUsage(
                cli.run("list", "--org", "acme", "--db-url", "postgres://localhost/x"),
                "Invalid keyguard.jdbc.url");
        assertThat(work.resolve("data"))
                .as("no database made for a wrong command line")
                .doesNotExist();
    }

    @Test
    void whatFailsIsExitCode1WithOneLineInWords() throws Exception {
        String key = cli.run("create-key", "--org", "acme", "--data-dir", dataDir).key();

        CliProcess.Run unknownId =
                cli.run(
                        "revoke",
                        "--org",
                        "acme",
                        "--id",
                        "key_noSuchKey000000000",
                        "--data-dir",
                        dataDir);
        CliProcess.Run noDataDir =
                cli.run("list", "--org", "acme", "--data-dir", work.resolve("typo").toString());
        CliProcess.Run noPasswordFile =
                cli.run(
                        "list",
                        "--org",
                        "acme",
                        "--db-url",
                        "jdbc:h2:mem:x",
                        "--db-password-file",
                        work.resolve("missing").toString());
        CliProcess.Run unreachable =
                cli.run(
                        "list",
                        "--org",
                        "acme",
                        "--db-url",
                        "jdbc:postgresql://127.0.0.1:1/keyguard",
                        "--db-user",
                        "app");

        assertFailure(unknownId, "acme has no key key_noSuchKey000000000");
        assertFailure(noDataDir, "No Keyguard database in");
        assertFailure(noPasswordFile, "Cannot read --db-password-file");
        assertFailure(unreachable, "Keyguard could not start on its database");
        for (CliProcess.Run run : new CliProcess.Run[] {unknownId, noDataDir, noPasswordFile}) {
            assertThat(run.err()).doesNotContain(key);
        }
        assertThat(work.resolve("typo")).doesNotExist();
    }

    private static void assertUsage(CliProcess.Run run, String message) {
        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.out()).as("%s", run).isEmpty();
        assertThat(run.err()).as("%s", run).contains(message).contains("Usage: keyguard-cli");
    }

    private static void assertFailure(CliProcess.Run run, String message) {
        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.out()).as("%s", run).isEmpty();
        assertThat(run.err().strip()).as("%s", run).contains(message);
        assertThat(run.err().lines().filter(line -> !line.contains("WARN")).count())
                .as("one line: %s", run)
                .isEqualTo(1);
    }
}
