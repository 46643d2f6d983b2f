package dev.keyguard.demo;

import dev.keyguard.ApiKeyService;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.internal.local.KeyCommands;
import dev.keyguard.internal.local.KeyOperations;
import dev.keyguard.internal.local.LocalCommandSocket;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code create-key}: mints a key for a demo user on the demo's database, also while a server runs
 * on it, and prints the raw key alone on stdout so that {@code KEY=$(... create-key ...)} works.
 * The demo's own part is its users (the key is recorded as created by one, of acme or globex);
 * minting is Keyguard's command line ({@link KeyCommands}, as {@code keyguard-cli.jar} runs it),
 * which this command delegates to.
 *
 * <p>On a database server (JDBC URL) it starts a Keyguard of its own. On the embedded database,
 * which only one process may have open, it first asks the Keyguard of a demo server running on that
 * directory, if any, through Keyguard's {@link LocalCommandSocket}, naming the user as seeded.
 */
final class CreateKeyCommand {

    private CreateKeyCommand() {}

    /**
     * Creates a key for a demo user and prints it alone on {@code out}.
     *
     * @return the process exit code: 0, or 1 with the reason on {@code err}
     */
    static int run(DemoOptions options, PrintStream out, PrintStream err) {
        if (options.dbUrl() == null) {
            try {
                KeyUser user = DemoUsers.seeded(options.org(), options.userEmail());
                Optional<LocalCommandSocket.Answer> answer =
                        LocalCommandSocket.send(options.dataDir(), commandLine(options, user));
                if (answer.isPresent()) {
                    out.print(answer.get().out());
                    err.print(answer.get().err());
                    return answer.get().exitCode();
                }
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 1;
            } catch (IOException e) {
                err.println(
                        "Could not ask the demo server running on "
                                + options.dataDir().toAbsolutePath()
                                + ": "
                                + e.getMessage());
                return 1;
            }
        }
        KeyguardConfig config = KeyguardConfig.from(options.keyguardParameters()::get).build();
        try (Keyguard keyguard = Keyguard.start(config)) {
            return create(keyguard, options, out, err);
        } catch (IllegalStateException e) {
            err.println("Could not open the database: " + e.getMessage());
            return 1;
        }
    }

    /** Creates the key with this process's Keyguard, for a user of the demo's database. */
    private static int create(
            Keyguard keyguard, DemoOptions options, PrintStream out, PrintStream err) {
        KeyUser user;
        try {
            DemoUsers users = new DemoUsers(keyguard.dataSource().orElseThrow());
            users.seedIfEmpty();
            List<String> organisations = users.organisations();
            if (!organisations.contains(options.org())) {
                err.println(DemoUsers.unknownOrganisation(options.org(), organisations));
                return 1;
            }
            user = users.find(options.org(), options.userEmail()).orElse(null);
            if (user == null) {
                err.println("No user '" + options.userEmail() + "' in " + options.org());
                return 1;
            }
        } catch (SQLException e) {
            err.println("Could not reach the database: " + e.getMessage());
            return 1;
        }
        ApiKeyService service = keyguard.service();
        return new KeyCommands(
                        new KeyOperations(
                                service::create, service::list, service::revoke, service::rotate),
                        keyguard.config().clock())
                .run(commandLine(options, user), out, err);
    }

    /** Keyguard's {@code create-key} command line for the options and the demo user. */
    private static List<String> commandLine(DemoOptions options, KeyUser user) {
        List<String> arguments =
                new ArrayList<>(
                        List.of(
                                "create-key",
                                "--org",
                                options.org(),
                                "--user-id",
                                user.id(),
                                "--user-email",
                                user.email(),
                                "--user-first-name",
                                user.firstName(),
                                "--user-last-name",
                                user.lastName()));
        if (options.keyName() != null) {
            arguments.add("--name=" + options.keyName());
        }
        if (options.expiresAt() != null) {
            arguments.add("--expires-at=" + options.expiresAt());
        }
        if (options.scopes() != null) {
            arguments.add("--scopes=" + options.scopes());
        }
        if (options.allowedIps() != null) {
            arguments.add("--allowed-ips=" + options.allowedIps());
        }
        return arguments;
    }
}
