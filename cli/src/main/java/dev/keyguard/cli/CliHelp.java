package dev.keyguard.cli;

import dev.keyguard.internal.local.CommandHelp;
import dev.keyguard.internal.local.KeyCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What {@code --help}, {@code help COMMAND} and {@code --version} print. */
final class CliHelp {

    private static final String DATABASE =
            """
            Database (one of):
              --db-url URL           a JDBC URL: PostgreSQL, MariaDB/MySQL or H2
              --db-user USER         its user
              --db-password-file F   a file whose first line is the password (or set
                                     KEYGUARD_JDBC_PASSWORD; never on the command line)
              --data-dir DIR         Keyguard's embedded database in DIR; while a Keyguard runs on
                                     DIR, the command is run by that Keyguard, through its socket
            Unset, they are read from KEYGUARD_JDBC_URL, KEYGUARD_JDBC_USER,
            KEYGUARD_JDBC_PASSWORD and KEYGUARD_DATA_DIR, as the filter reads them; so is every
            other Keyguard parameter (KEYGUARD_KEY_PREFIX, ...).
            """;

    private static final String EXIT_CODES =
            """
            Exit codes: 0 done, 1 failed (the reason on stderr), 2 usage error.
            """;

    private CliHelp() {}

    /** The usage lines of every command. */
    static String usage() {
        StringBuilder usage = new StringBuilder("Usage:\n");
        for (String command : CommandHelp.COMMANDS) {
            usage.append("  ")
                    .append(KeyCommands.PROGRAM)
                    .append(' ')
                    .append(CommandHelp.usage(command))
                    .append(" [DATABASE]\n");
        }
        usage.append("  ")
                .append(KeyCommands.PROGRAM)
                .append(" help [COMMAND] | --help | --version\n");
        return usage.toString();
    }

    /** {@code --help}: every command, the database options and the exit codes. */
    static String overview() {
        StringBuilder help =
                new StringBuilder(
                        "Keyguard's command line: API keys of any organisation, on Keyguard's"
                                + " database.\nRun as java -jar keyguard-cli.jar.\n\n");
        help.append(usage()).append("\nCommands:\n");
        for (String command : CommandHelp.COMMANDS) {
            help.append(String.format("  %-12s%s%n", command, CommandHelp.summary(command)));
        }
        return help.append('\n').append(DATABASE).append('\n').append(EXIT_CODES).toString();
    }

    /** {@code help COMMAND}: the command's options, then the database options. */
    static String command(String command) {
        return KeyCommands.help(command) + "\n" + DATABASE + "\n" + EXIT_CODES;
    }

    /** This jar's version, from the build. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = CliHelp.class.getResourceAsStream("/keyguard-cli.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }
}
