package dev.keyguard.internal.local;

import dev.keyguard.ApiKey;
import dev.keyguard.ApiKeyService;
import dev.keyguard.Caller;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.KeyguardException;
import dev.keyguard.NewKey;
import dev.keyguard.RotatedApiKey;
import dev.keyguard.Scopes;
import dev.keyguard.internal.key.Expiry;
import dev.keyguard.internal.key.RotationGrace;
import dev.keyguard.internal.local.Arguments.UsageException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's key commands, {@code create-key}, {@code list}, {@code rotate} and {@code revoke},
 * run on {@link KeyOperations} (a Keyguard's service, recording the operator as the actor): in
 * {@code keyguard-cli.jar} on the database it opened, or in the Keyguard that has the embedded
 * database open, for a command line received on its {@link LocalCommandSocket}.
 *
 * <p>A new key goes to {@code out} alone, with a line break; everything else a person reads goes to
 * {@code err}, and no secret ever does. The exit codes are {@link #OK}, {@link #FAILURE} (the
 * reason in one line) and {@link #USAGE} (the reason and the usage line).
 */
public final class KeyCommands {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    /** The program's name in usage lines. */
    public static final String PROGRAM = "keyguard-cli";

    private static final Logger LOG = LoggerFactory.getLogger(KeyCommands.class);

    /** Each command's options that take a value, its switches and its required options. */
    private record Spec(Set<String> valued, Set<String> switches, List<String> required) {}

    private static final Map<String, Spec> SPECS =
            Map.of(
                    "create-key",
                    new Spec(
                            Set.of(
                                    "org",
                                    "name",
                                    "expires-at",
                                    "scopes",
                                    "allowed-ips",
                                    "user-id",
                                    "user-email",
                                    "user-first-name",
                                    "user-last-name"),
                            Set.of(),
                            List.of("org")),
                    "list",
                    new Spec(Set.of("org"), Set.of("json"), List.of("org")),
                    "rotate",
                    new Spec(Set.of("org", "id", "grace-period"), Set.of(), List.of("org", "id")),
                    "revoke",
                    new Spec(Set.of("org", "id"), Set.of(), List.of("org", "id")));

    private final KeyOperations operations;
    private final Clock clock;

    public KeyCommands(KeyOperations operations, Clock clock) {
        this.operations = operations;
        this.clock = clock;
    }

    /**
     * Runs one command line: the command's name, then its options.
     *
     * @return the exit code
     */
    public int run(List<String> commandLine, PrintStream out, PrintStream err) {
        if (commandLine.isEmpty() || !CommandHelp.isCommand(commandLine.get(0))) {
            err.println(
                    commandLine.isEmpty()
                            ? "No command given"
                            : "Unknown command '" + commandLine.get(0) + "'");
            err.println("Commands: " + String.join(", ", CommandHelp.COMMANDS));
            return USAGE;
        }
        String command = commandLine.get(0);
        List<String> options = commandLine.subList(1, commandLine.size());
        if (options.contains("--help") || options.contains("-h")) {
            out.print(help(command));
            return OK;
        }
        try {
            Arguments args = parse(command, options);
            return switch (command) {
                case "create-key" -> create(args, out, err);
                case "list" -> list(args, out, err);
                case "rotate" -> rotate(args, out, err);
                default -> revoke(args, err);
            };
        } catch (UsageException e) {
            return usage(command, e.getMessage(), err);
        } catch (KeyguardException e) {
            return failed(command, e, options, err);
        } catch (RuntimeException e) {
            LOG.warn("The command {} failed: {}", command, e.toString());
            err.println(command + " failed: " + firstLine(e.toString()));
            return FAILURE;
        }
    }

    /**
     * Checks a command line's syntax without running it: what a caller does before it opens a
     * database for it.
     *
     * @param commandLine a key command's name ({@link CommandHelp#isCommand}), then its options
     * @throws UsageException saying what is wrong
     */
    public static void check(List<String> commandLine) throws UsageException {
        parse(commandLine.get(0), commandLine.subList(1, commandLine.size()));
    }

    private static Arguments parse(String command, List<String> options) throws UsageException {
        Spec spec = SPECS.get(command);
        Arguments args = Arguments.parse(command, options, spec.valued(), spec.switches());
        for (String name : spec.required()) {
            args.required(name, command);
        }
        gracePeriod(args.get("grace-period"));
        if (args.get("expires-at") != null) {
            try {
                Expiry.parse(args.get("expires-at"), Instant.now());
            } catch (KeyguardException e) {
                throw new UsageException(inOptionNames(e.getMessage()));
            }
        }
        return args;
    }

    /** The command's usage line and options, ending with a line break. */
    public static String help(String command) {
        return "Usage: "
                + PROGRAM
                + " "
                + CommandHelp.usage(command)
                + "\n"
                + CommandHelp.summary(command)
                + "\n\n"
                + CommandHelp.options(command);
    }

    private int create(Arguments args, PrintStream out, PrintStream err) throws UsageException {
        String org = args.required("org", "create-key");
        KeyUser user =
                new KeyUser(
                        args.get("user-id"),
                        args.get("user-first-name"),
                        args.get("user-last-name"),
                        args.get("user-email"));
        CreatedApiKey created =
                operations
                        .create()
                        .create(
                                Caller.operator(new KeyOwner(org, user)),
                                new NewKey(
                                        args.get("name"),
                                        args.get("expires-at"),
                                        scopes(args.get("scopes")),
                                        allowedIps(args.get("allowed-ips"))));
        ApiKey key = created.key();
        err.println(
                "Created key "
                        + key.id()
                        + " \""
                        + key.name()
                        + "\" ("
                        + key.keyPrefix()
                        + "...) for organisation "
                        + org
                        + ", expires "
                        + KeyTable.time(key.expiresAt(), "never")
                        + ", "
                        + KeyTable.scopes(key.scopes())
                        + ". It is shown this once, on stdout.");
        out.println(created.rawKey());
        return OK;
    }

    /** {@code --scopes a,b} (or space-separated); absent: unrestricted. */
    private static Scopes scopes(String option) throws UsageException {
        if (option == null) {
            return null;
        }
        try {
            return Scopes.of(words(option));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--scopes: " + e.getMessage());
        }
    }

    /** {@code --allowed-ips 192.0.2.0/24,2001:db8::/32}; absent: anywhere. */
    private static IpAllowlist allowedIps(String option) throws UsageException {
        if (option == null) {
            return null;
        }
        try {
            return IpAllowlist.of(words(option));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--allowed-ips: " + e.getMessage());
        }
    }

    private static List<String> words(String option) {
        return Arrays.stream(option.split("[,\\s]+")).filter(w -> !w.isEmpty()).toList();
    }

    private int list(Arguments args, PrintStream out, PrintStream err) throws UsageException {
        String org = args.required("org", "list");
        List<ApiKey> keys = operations.list().apply(org);
        if (args.has("json")) {
            KeyTable.printJson(keys, clock.instant(), out);
        } else if (keys.isEmpty()) {
            err.println("Organisation " + org + " has no keys (revoked keys are not listed).");
        } else {
            KeyTable.printTable(keys, clock.instant(), out);
        }
        return OK;
    }

    private int rotate(Arguments args, PrintStream out, PrintStream err) throws UsageException {
        String org = args.required("org", "rotate");
        String id = args.required("id", "rotate");
        Duration grace = gracePeriod(args.get("grace-period"));
        RotatedApiKey rotated = operations.rotate().rotate(org, id, grace);
        ApiKey replacement = rotated.replacement().key();
        err.println(
                "Rotated key "
                        + id
                        + " of organisation "
                        + org
                        + ": the new key is "
                        + replacement.id()
                        + " ("
                        + replacement.keyPrefix()
                        + "...), expires "
                        + KeyTable.time(replacement.expiresAt(), "never")
                        + "; the old key works until "
                        + KeyTable.time(rotated.retiring().expiresAt(), "never")
                        + ". The new key is shown this once, on stdout.");
        out.println(rotated.replacement().rawKey());
        return OK;
    }

    private int revoke(Arguments args, PrintStream err) throws UsageException {
        String org = args.required("org", "revoke");
        String id = args.required("id", "revoke");
        operations.revoke().accept(org, id);
        err.println("Revoked key " + id + " of organisation " + org + ".");
        return OK;
    }

    /**
     * {@code 0}, or a whole number and a unit ({@code 90s}, {@code 30m}, {@code 24h}, {@code 7d});
     * {@code null} for the default.
     */
    static Duration gracePeriod(String text) throws UsageException {
        if (text == null) {
            return null;
        }
        String value = text.strip().toLowerCase(Locale.ROOT);
        Duration grace = value.equals("0") ? Duration.ZERO : parseDuration(value);
        if (grace == null || grace.compareTo(RotationGrace.MAX) > 0) {
            throw new UsageException(
                    "--grace-period must be 0 or a whole number and ms, s, m, h or d, at most "
                            + RotationGrace.MAX.toDays()
                            + "d, not '"
                            + text
                            + "'");
        }
        return grace;
    }

    private static Duration parseDuration(String value) {
        int digits = 0;
        while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits > 9) {
            return null;
        }
        long amount = Long.parseLong(value.substring(0, digits));
        return switch (value.substring(digits)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> null;
        };
    }

    private static int usage(String command, String message, PrintStream err) {
        err.println(message);
        err.println("Usage: " + PROGRAM + " " + CommandHelp.usage(command));
        return USAGE;
    }

    /** The service's refusal in words: the key's id and organisation, never a secret. */
    private static int failed(
            String command, KeyguardException e, List<String> options, PrintStream err) {
        String org = valueOf(options, "org");
        String id = valueOf(options, "id");
        return switch (e.reason()) {
            case VALIDATION_ERROR -> usage(command, inOptionNames(e.getMessage()), err);
            case INSUFFICIENT_SCOPE, RIGHTS_EXCEEDED -> {
                // An operator has every right; a service that says otherwise is reported as is.
                err.println(command + " was refused: " + e.getMessage());
                yield FAILURE;
            }
            case KEY_LIMIT_REACHED -> {
                err.println(
                        "Organisation "
                                + org
                                + " already has "
                                + ApiKeyService.MAX_ACTIVE_KEYS
                                + " active keys, the most it may have: revoke one first (or"
                                + " rotate one instead of adding one).");
                yield FAILURE;
            }
            case NOT_FOUND -> {
                err.println(
                        "Organisation "
                                + org
                                + " has no key "
                                + id
                                + " (unknown, already revoked, or another organisation's).");
                yield FAILURE;
            }
            case NOT_ROTATABLE -> {
                err.println(
                        "Key "
                                + id
                                + " cannot be rotated: it has expired or is already being"
                                + " replaced by a rotation.");
                yield FAILURE;
            }
            case UNAVAILABLE -> {
                err.println(
                        "Keyguard's database is unavailable"
                                + (e.getCause() == null
                                        ? ""
                                        : " (" + e.getCause().getClass().getSimpleName() + ")")
                                + ": try again shortly.");
                yield FAILURE;
            }
        };
    }

    /** An option's value as given, for a message (the arguments parsed already). */
    private static String valueOf(List<String> options, String name) {
        for (int i = 0; i < options.size(); i++) {
            String word = options.get(i);
            if (word.equals("--" + name) && i + 1 < options.size()) {
                return options.get(i + 1);
            }
            if (word.startsWith("--" + name + "=")) {
                return word.substring(name.length() + 3);
            }
        }
        return "?";
    }

    /** The service's message on a field, naming the option instead. */
    private static String inOptionNames(String message) {
        return message.replace("expiresAt", "--expires-at");
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).strip();
    }
}
