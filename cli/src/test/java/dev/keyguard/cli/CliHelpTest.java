package dev.keyguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help and usage errors of the packaged jar: no database is named or opened for either. */
class CliHelpTest {

    @TempDir Path work;
    private CliProcess cli;

    @BeforeEach
    void setUp() {
        cli = new CliProcess(work);
    }

    @Test
    void helpInEveryFormPrintsToStdoutAndExitsZero() throws Exception {
        for (String[] args :
                new String[][] {
                    {"--help"}, {"-h"}, {"help"},
                }) {
            CliProcess.Run run = cli.run(args).succeeded();
            assertThat(run.out())
                    .contains("create-key", "list", "rotate", "revoke")
                    .contains("--db-url", "--data-dir", "--db-password-file")
                    .contains("Exit codes");
            assertThat(run.err()).isEmpty();
        }
        for (String command : new String[] {"create-key", "list", "rotate", "revoke"}) {
            CliProcess.Run help = cli.run("help", command).succeeded();
            CliProcess.Run option = cli.run(command, "--help").succeeded();
            assertThat(help.out()).startsWith("Usage: keyguard-cli " + command).contains("--org");
            assertThat(option.out()).isEqualTo(help.out());
        }
        assertThat(cli.run("create-key", "--help").out()).contains("--expires-at", "--name");
        assertThat(cli.run("rotate", "--help").out()).contains("--grace-period", "--id");
        assertThat(cli.run("--version").succeeded().out()).matches("keyguard-cli \\S+\\R");
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() throws Exception {
        CliProcess.Run none = cli.run();
        CliProcess.Run unknown = cli.run("delete-key", "--org", "acme");
        CliProcess.Run unknownOption = cli.run("--colour");
        CliProcess.Run noHelp = cli.run("help", "delete-key");

        for (CliProcess.Run run : new CliProcess.Run[] {none, unknown, unknownOption, noHelp}) {
            assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("Usage:");
        }
        assertThat(unknown.err()).contains("Unknown command 'delete-key'");
        assertThat(unknownOption.err()).contains("Unknown option '--colour'");
        assertThat(noHelp.err()).contains("No help on 'delete-key'");
    }
}
