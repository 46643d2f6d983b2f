package dev.keyguard.cli;

import dev.keyguard.ApiKeyService;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.internal.local.Arguments.UsageException;
import dev.keyguard.internal.local.CommandHelp;
import dev.keyguard.internal.local.KeyCommands;
import dev.keyguard.internal.local.KeyOperations;
import dev.keyguard.internal.local.LocalCommandSocket;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code java -jar keyguard-cli.jar COMMAND [OPTIONS]}: Keyguard's key commands ({@link
 * KeyCommands}) for any organisation, on the database named by {@link DatabaseOptions}. On the
 * embedded database it first asks the Keyguard that has it open, if any, through the socket in the
 * data directory ({@link LocalCommandSocket}); otherwise it starts a Keyguard of its own on the
 * database for the one command, which touches Keyguard's tables only (and creates them, on a
 * database that has none yet).
 *
 * <p>Exit codes: 0 done, 1 failed (one line on stderr), 2 usage error (the message and the usage
 * line). A new key goes to stdout alone; nothing else ever prints it.
 */
public final class KeyguardCli {

    private final Map<String, String> environment;
    private final Function<String, String> systemProperties;
    private final PrintStream out;
    private final PrintStream err;

    KeyguardCli(
            Map<String, String> environment,
            Function<String, String> systemProperties,
            PrintStream out,
            PrintStream err) {
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // Hibernate logs through SLF4J like the rest, at the level of simplelogger.properties.
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        int exitCode =
                new KeyguardCli(System.getenv(), System::getProperty, System.out, System.err)
                        .run(Arrays.asList(args));
        System.out.flush();
        System.exit(exitCode);
    }

    /**
     * Runs one command line.
     *
     * @return the exit code
     */
    int run(List<String> args) {
        if (args.isEmpty()) {
            err.print(CliHelp.overview());
            return KeyCommands.USAGE;
        }
        String first = args.get(0);
        switch (first) {
            case "--help", "-h" -> {
                out.print(CliHelp.overview());
                return KeyCommands.OK;
            }
            case "--version" -> {
                out.println(KeyCommands.PROGRAM + " " + CliHelp.version());
                return KeyCommands.OK;
            }
            case "help" -> {
                return help(args.subList(1, args.size()));
            }
            default -> {
                // a command
            }
        }
        if (!CommandHelp.isCommand(first)) {
            err.println(
                    (first.startsWith("-") ? "Unknown option " : "Unknown command ")
                            + "'"
                            + first
                            + "'");
            err.print(CliHelp.usage());
            return KeyCommands.USAGE;
        }
        if (args.contains("--help") || args.contains("-h")) {
            out.print(CliHelp.command(first));
            return KeyCommands.OK;
        }
        DatabaseOptions database;
        try {
            database = DatabaseOptions.parse(args, environment);
            KeyCommands.check(database.commandLine());
        } catch (UsageException e) {
            return usage(first, e.getMessage());
        } catch (IOException e) {
            err.println(e.getMessage());
            return KeyCommands.FAILURE;
        }
        if (database.dataDir() != null) {
            Optional<Integer> answered = askRunningKeyguard(database);
            if (answered.isPresent()) {
                return answered.get();
            }
        }
        return runHere(database);
    }

    private int help(List<String> topics) {
        if (topics.isEmpty()) {
            out.print(CliHelp.overview());
            return KeyCommands.OK;
        }
        if (topics.size() > 1 || !CommandHelp.isCommand(topics.get(0))) {
            err.println("No help on '" + String.join(" ", topics) + "'");
            err.print(CliHelp.usage());
            return KeyCommands.USAGE;
        }
        out.print(CliHelp.command(topics.get(0)));
        return KeyCommands.OK;
    }

    private int usage(String command, String message) {
        err.println(message);
        err.println("Usage: " + KeyCommands.PROGRAM + " " + CommandHelp.usage(command));
        err.println("       (" + KeyCommands.PROGRAM + " help " + command + " says more)");
        return KeyCommands.USAGE;
    }

    /**
     * Sends the command line to the Keyguard listening in the data directory.
     *
     * @return its exit code, having printed what it answered; empty if none listens there
     */
    private Optional<Integer> askRunningKeyguard(DatabaseOptions database) {
        try {
            Optional<LocalCommandSocket.Answer> answer =
                    LocalCommandSocket.send(database.dataDir(), database.commandLine());
            answer.ifPresent(
                    a -> {
                        out.print(a.out());
                        err.print(a.err());
                    });
            return answer.map(LocalCommandSocket.Answer::exitCode);
        } catch (IOException e) {
            err.println(
                    "Could not ask the Keyguard running on "
                            + database.dataDir().toAbsolutePath()
                            + ": "
                            + e.getMessage());
            return Optional.of(KeyCommands.FAILURE);
        }
    }

    /** Starts a Keyguard on the database for this one command. */
    private int runHere(DatabaseOptions database) {
        String command = database.commandLine().get(0);
        if (database.dataDir() != null
                && !command.equals("create-key")
                && !Files.isDirectory(database.dataDir())) {
            err.println(
                    "No Keyguard database in "
                            + database.dataDir().toAbsolutePath()
                            + " (create-key makes one)");
            return KeyCommands.FAILURE;
        }
        KeyguardConfig config;
        try {
            config = KeyguardConfig.from(database.keyguardParameters(this::setting)).build();
        } catch (IllegalArgumentException e) {
            return usage(command, e.getMessage());
        }
        try (Keyguard keyguard = Keyguard.start(config)) {
            ApiKeyService service = keyguard.service();
            KeyCommands commands =
                    new KeyCommands(
                            new KeyOperations(
                                    service::create,
                                    service::list,
                                    service::revoke,
                                    service::rotate),
                            Clock.systemUTC());
            return commands.run(database.commandLine(), out, err);
        } catch (RuntimeException e) {
            String message = firstLine(e.getMessage());
            err.println(
                    message.startsWith("Keyguard")
                            ? message
                            : "Keyguard could not open its database: " + message);
            return KeyCommands.FAILURE;
        }
    }

    /** A Keyguard parameter from the system properties, else the environment, as the filter. */
    private String setting(String name) {
        String value = systemProperties.apply(name);
        return value != null && !value.isBlank()
                ? value
                : environment.get(DatabaseOptions.env(name));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).strip();
    }
}
