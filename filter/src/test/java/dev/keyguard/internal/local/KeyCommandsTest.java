package dev.keyguard.internal.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.ApiKey;
import dev.keyguard.ApiKeyService;
import dev.keyguard.KeyEvent;
import dev.keyguard.Keyguard;
import dev.keyguard.testing.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's key commands on a real Keyguard (H2): what they print, where, and with which exit
 * code; that a key goes to stdout alone and never to stderr; that the service's refusals are said
 * in words; and that the audit trail records the operator.
 */
class KeyCommandsTest {

    private Keyguard keyguard;
    private KeyCommands commands;
    private final List<String> keys = new ArrayList<>();

    @BeforeEach
    void start() {
        keyguard = Keyguard.start(TestDatabase.h2().config().build());
        ApiKeyService service = keyguard.service();
        commands =
                new KeyCommands(
                        new KeyOperations(
                                service::create, service::list, service::revoke, service::rotate),
                        Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        keyguard.close();
    }

    private Console run(String... commandLine) {
        Console console = Console.run(commands, commandLine);
        if (console.exitCode() == KeyCommands.OK && console.out().startsWith("ll_")) {
            keys.add(console.key());
        }
        for (String key : keys) {
            assertThat(console.err()).as("stderr").doesNotContain(key);
        }
        assertThat(console.err()).doesNotContain("Exception").doesNotContain("\tat ");
        return console;
    }

    @Test
    void createKeyPrintsAWorkingKeyAloneOnStdoutForAnyOrganisation() {
        Console created =
                run(
                        "create-key",
                        "--org",
                        "initech",
                        "--name",
                        "CI deploy",
                        "--expires-at",
                        "2099-01-01",
                        "--user-email",
                        "ops@initech.example");

        assertThat(created.exitCode()).as(created.toString()).isZero();
        String key = created.key();
        assertThat(keyguard.verify(key))
                .get()
                .extracting(p -> p.organisationId())
                .isEqualTo("initech");
        ApiKey stored = keyguard.service().list("initech").get(0);
        assertThat(stored.name()).isEqualTo("CI deploy");
        assertThat(stored.expiresAt()).hasToString("2099-01-01T00:00:00Z");
        assertThat(stored.owner().user().email()).isEqualTo("ops@initech.example");
        assertThat(created.err()).contains(stored.id()).contains("initech");
        assertThat(keyguard.service().events("initech", null, null).events())
                .singleElement()
                .satisfies(
                        event -> {
                            assertThat(event.type()).isEqualTo(KeyEvent.Type.CREATED);
                            assertThat(event.actor().isOperator()).isTrue();
                        });
    }

    @Test
    void listPrintsATableOrJsonAndNoSecret() {
        String key = run("create-key", "--org", "acme", "--name", "Zapier").key();
        String id = keyguard.service().list("acme").get(0).id();

        Console table = run("list", "--org", "acme");
        Console json = run("list", "--org=acme", "--json");
        Console empty = run("list", "--org", "globex");

        assertThat(table.exitCode()).isZero();
        assertThat(table.out().lines().toList())
                .hasSize(2)
                .first()
                .asString()
                .startsWith("ID")
                .contains("NAME", "PREFIX", "STATUS", "EXPIRES", "LAST USED");
        assertThat(table.out()).contains(id, "Zapier", key.substring(0, 13) + "...", "active");
        assertThat(json.out())
                .contains("\"id\":\"" + id + "\"", "\"name\":\"Zapier\"", "\"expiresAt\":null")
                .contains("\"keyPrefix\":\"" + key.substring(0, 13) + "\"");
        assertThat(table.out() + json.out()).doesNotContain(key);
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.out()).isEmpty();
        assertThat(empty.err()).contains("globex has no keys");
        assertThat(run("list", "--org", "globex", "--json").out()).isEqualTo("[]\n");
    }

    @Test
    void rotateWithoutGraceEndsTheOldKeyAndPrintsTheNewOneAlone() {
        String old = run("create-key", "--org", "acme").key();
        String id = keyguard.service().list("acme").get(0).id();

        Console rotated = run("rotate", "--org", "acme", "--id", id, "--grace-period", "0");

        assertThat(rotated.exitCode()).as(rotated.toString()).isZero();
        String replacement = rotated.key();
        assertThat(replacement).isNotEqualTo(old);
        assertThat(keyguard.verify(replacement)).isPresent();
        assertThat(keyguard.verify(old)).isEmpty();
        assertThat(rotated.err()).contains("Rotated key " + id);
    }

    @Test
    void revokeEndsTheKeyAtOnce() {
        String key = run("create-key", "--org", "acme").key();
        String id = keyguard.service().list("acme").get(0).id();

        Console revoked = run("revoke", "--org", "acme", "--id", id);

        assertThat(revoked.exitCode()).isZero();
        assertThat(revoked.out()).isEmpty();
        assertThat(revoked.err()).contains("Revoked key " + id);
        assertThat(keyguard.verify(key)).isEmpty();
        assertThat(keyguard.service().list("acme")).isEmpty();
    }

    @Test
    void theServicesRefusalsAreSaidInWordsWithExitCode1() {
        for (int i = 0; i < ApiKeyService.MAX_ACTIVE_KEYS; i++) {
            run("create-key", "--org", "acme").key();
        }
        String id = keyguard.service().list("acme").get(0).id();

        Console eleventh = run("create-key", "--org", "acme");
        Console unknown = run("revoke", "--org", "acme", "--id", "key_doesNotExist12345");
        Console foreign = run("rotate", "--org", "globex", "--id", id);
        run("rotate", "--org", "acme", "--id", id).key();
        Console twice = run("rotate", "--org", "acme", "--id", id);

        assertThat(eleventh.exitCode()).isEqualTo(KeyCommands.FAILURE);
        assertThat(eleventh.out()).isEmpty();
        assertThat(eleventh.err()).contains("acme already has 10 active keys").hasLineCount(1);
        assertThat(unknown.exitCode()).isEqualTo(KeyCommands.FAILURE);
        assertThat(unknown.err()).contains("acme has no key key_doesNotExist12345");
        assertThat(foreign.exitCode()).isEqualTo(KeyCommands.FAILURE);
        assertThat(foreign.err()).contains("globex has no key " + id);
        assertThat(twice.exitCode()).isEqualTo(KeyCommands.FAILURE);
        assertThat(twice.err()).contains("cannot be rotated").hasLineCount(1);
    }

    @Test
    void badCommandLinesAreUsageErrorsWithTheUsageLine() {
        List<String[]> bad =
                List.of(
                        new String[] {"create-key"},
                        new String[] {"create-key", "--org"},
                        new String[] {"create-key", "--org", "--name", "x"},
                        new String[] {"create-key", "--org", "acme", "--colour", "red"},
                        new String[] {"create-key", "--org", "acme", "stray"},
                        new String[] {"create-key", "--org", "acme", "--org", "globex"},
                        new String[] {"create-key", "--org", "acme", "--expires-at", "tomorrow"},
                        new String[] {"create-key", "--org", "acme", "--expires-at", "2001-01-01"},
                        new String[] {"rotate", "--org", "acme"},
                        new String[] {
                            "rotate", "--org", "acme", "--id", "k", "--grace-period", "1y"
                        },
                        new String[] {
                            "rotate", "--org", "acme", "--id", "k", "--grace-period", "31d"
                        },
                        new String[] {"revoke", "--id", "k"});
        for (String[] commandLine : bad) {
            Console console = run(commandLine);
            assertThat(console.exitCode())
                    .as(String.join(" ", commandLine))
                    .isEqualTo(KeyCommands.USAGE);
            assertThat(console.out()).isEmpty();
            assertThat(console.err())
                    .as(String.join(" ", commandLine))
                    .contains("Usage: keyguard-cli " + commandLine[0]);
        }
        assertThat(run("create-key", "--org", "acme", "--expires-at", "tomorrow").err())
                .contains("--expires-at must be an ISO 8601 date");
        assertThat(run("create-key").err()).contains("create-key needs --org");
        assertThat(run("create-key", "--org").err()).contains("Missing value after --org");
        assertThat(run("rotate", "--org", "acme", "--id", "k", "--grace-period", "1y").err())
                .contains("--grace-period must be 0 or");
        assertThat(keyguard.service().list("acme")).isEmpty();
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Console console = run("delete", "--org", "acme");

        assertThat(console.exitCode()).isEqualTo(KeyCommands.USAGE);
        assertThat(console.err()).contains("Unknown command 'delete'").contains("create-key, list");
    }

    @Test
    void helpOfEachCommandGoesToStdoutWithExitCode0() {
        for (String command : CommandHelp.COMMANDS) {
            Console help = run(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).startsWith("Usage: keyguard-cli " + command).contains("--org");
        }
        assertThat(run("create-key", "--org", "acme", "-h").out()).contains("--expires-at");
        assertThat(keyguard.service().list("acme")).isEmpty();
    }
}
