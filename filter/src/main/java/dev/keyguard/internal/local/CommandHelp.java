package dev.keyguard.internal.local;

import dev.keyguard.ApiKeyService;
import dev.keyguard.internal.key.KeyNames;
import dev.keyguard.internal.key.RotationGrace;
import java.util.List;
import java.util.Map;

/** What each key command does and takes, as {@code --help} and a usage error print it. */
public final class CommandHelp {

    /** The commands, in the order help lists them. */
    public static final List<String> COMMANDS = List.of("create-key", "list", "rotate", "revoke");

    private static final Map<String, String> USAGE =
            Map.of(
                    "create-key",
                    "create-key --org ORG [--name NAME] [--expires-at DATE] [--scopes S,...]"
                            + " [--allowed-ips CIDR,...] [USER OPTIONS]",
                    "list",
                    "list --org ORG [--json]",
                    "rotate",
                    "rotate --org ORG --id KEY_ID [--grace-period DURATION]",
                    "revoke",
                    "revoke --org ORG --id KEY_ID");

    private static final Map<String, String> SUMMARY =
            Map.of(
                    "create-key", "mints a key and prints it alone on stdout",
                    "list", "lists an organisation's keys that are not revoked",
                    "rotate", "replaces a key, printing the new one alone on stdout",
                    "revoke", "revokes a key, at once and for good");

    private static final Map<String, String> OPTIONS =
            Map.of(
                    "create-key",
                    """
                      --org ORG              the organisation's id in the host app (required)
                      --name NAME            display name, default "%s"
                      --expires-at DATE      ISO 8601 date (2027-01-01, midnight UTC) or date-time
                                             with offset (2027-01-01T12:00:00Z); default never
                      --scopes S,...         the key's scopes, comma-separated: this app's (read
                                             from KEYGUARD_SCOPES, as the filter reads them) or
                                             keys:manage for the admin API; default unrestricted
                      --allowed-ips CIDR,... IPv4/IPv6 blocks the key may be used from
                                             (192.0.2.0/24,2001:db8::/32); default anywhere
                    USER OPTIONS: --user-id ID, --user-email EMAIL, --user-first-name NAME,
                                  --user-last-name NAME
                                             the host's user the key is recorded as created by;
                                             default none (an operator's key)
                    The key is printed once, alone on stdout: KEY=$(... create-key ...) keeps it.
                    An organisation has at most %d active keys.
                    """
                            .formatted(KeyNames.DEFAULT_NAME, ApiKeyService.MAX_ACTIVE_KEYS),
                    "list",
                    """
                      --org ORG              the organisation's id (required)
                      --json                 a JSON array instead of the table
                    Expired keys are listed (as expired) until revoked; no key is ever shown.
                    """,
                    "rotate",
                    """
                      --org ORG              the organisation's id (required)
                      --id KEY_ID            the key to replace (required; see list)
                      --grace-period DUR     how long the old key keeps working: 0, or a whole
                                             number and ms, s, m, h or d, at most %dd; default %dh
                    The new key has the old key's name, creator and lifetime; it is printed once,
                    alone on stdout.
                    """
                            .formatted(RotationGrace.MAX.toDays(), RotationGrace.DEFAULT.toHours()),
                    "revoke",
                    """
                      --org ORG              the organisation's id (required)
                      --id KEY_ID            the key to revoke (required; see list)
                    The key stops working at once, on every node; this cannot be undone.
                    """);

    private CommandHelp() {}

    /** Whether {@code command} is a key command. */
    public static boolean isCommand(String command) {
        return USAGE.containsKey(command);
    }

    /** The command's usage, without the program's name, e.g. {@code list --org ORG [--json]}. */
    public static String usage(String command) {
        return USAGE.get(command);
    }

    /** One line on what the command does. */
    public static String summary(String command) {
        return SUMMARY.get(command);
    }

    /** The command's options, one or two lines each, then notes; ends with a line break. */
    public static String options(String command) {
        return OPTIONS.get(command);
    }
}
