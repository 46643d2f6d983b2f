package dev.keyguard.demo;

import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardException;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@code create-key}: mints a key for a demo user on the demo's database, also while a server runs
 * on it, and prints the raw key alone on stdout so that {@code KEY=$(... create-key ...)} works.
 *
 * <p>On a database server (JDBC URL) it starts a Keyguard of its own. On the embedded database,
 * which only one process may have open, it first asks a demo server running on that directory, if
 * any, through its {@link LocalCommandSocket}.
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
                Optional<LocalCommandSocket.Answer> answer =
                        LocalCommandSocket.send(options.dataDir(), options.createKeyArguments());
                if (answer.isPresent()) {
                    out.print(answer.get().out());
                    err.print(answer.get().err());
                    return answer.get().exitCode();
                }
            } catch (IOException e) {
                err.println(
                        "Could not ask the demo server running on "
                                + options.dataDir().toAbsolutePath()
                                + ": "
                                + e);
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

    /**
     * Creates the key with a running Keyguard: this process's, or a server's for a command line
     * received on its {@link LocalCommandSocket}.
     */
    static int create(Keyguard keyguard, DemoOptions options, PrintStream out, PrintStream err) {
        try {
            DemoUsers users = new DemoUsers(keyguard.dataSource().orElseThrow());
            users.seedIfEmpty();
            List<String> organisations = users.organisations();
            if (!organisations.contains(options.org())) {
                err.println(
                        "Unknown organisation '"
                                + options.org()
                                + "': the demo has "
                                + String.join(" and ", organisations));
                return 1;
            }
            KeyUser user = users.find(options.org(), options.userEmail()).orElse(null);
            if (user == null) {
                err.println("No user '" + options.userEmail() + "' in " + options.org());
                return 1;
            }
            CreatedApiKey created =
                    keyguard.service()
                            .create(
                                    new KeyOwner(options.org(), user),
                                    options.keyName(),
                                    options.expiresAt());
            err.println(
                    "Created key "
                            + created.key().id()
                            + " ("
                            + created.key().keyPrefix()
                            + "...) for "
                            + user.email()
                            + " in "
                            + options.org());
            out.println(created.rawKey());
            return 0;
        } catch (KeyguardException e) {
            err.println(e.getMessage());
            return 1;
        } catch (SQLException e) {
            err.println("Could not reach the database: " + e.getMessage());
            return 1;
        }
    }
}
