package dev.keyguard.demo;

import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code create-key}: mints a key for a demo user on the demo's database, also while a server runs
 * on it, and prints the raw key alone on stdout so that {@code KEY=$(... create-key ...)} works.
 */
final class CreateKeyCommand {

    private CreateKeyCommand() {}

    /**
     * Creates a key for a demo user and prints it alone on {@code out}.
     *
     * @return the process exit code: 0, or 1 with the reason on {@code err}
     */
    static int run(DemoOptions options, PrintStream out, PrintStream err) {
        KeyguardConfig config = KeyguardConfig.from(options.keyguardParameters()::get).build();
        try (Keyguard keyguard = Keyguard.start(config)) {
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
        } catch (SQLException | IllegalStateException e) {
            err.println("Could not reach the database: " + e.getMessage());
            return 1;
        }
    }
}
