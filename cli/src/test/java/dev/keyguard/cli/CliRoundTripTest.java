package dev.keyguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.KeyEvent;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole round with the packaged jar, one process per command, on each kind of database: create
 * two keys, list them, rotate one, revoke the other; then a Keyguard of the test's own checks the
 * keys (the rotated one and the revoked one refused, the new one accepted) and the audit trail (the
 * operator did it all). On a database server it also checks that the host's table is untouched and
 * that Keyguard's tables are the only ones added.
 */
class CliRoundTripTest {

    private static final Pattern KEY_ID = Pattern.compile("\\{\"id\":\"([^\"]+)\"");
    private static final String ORG = "initech";

    @TempDir Path work;

    @Test
    void wholeRoundOnAFreshDataDir() throws Exception {
        Path dataDir = work.resolve("keyguard-data");
        CliProcess cli = new CliProcess(work);

        Round round = round(cli, "--data-dir", dataDir.toString());

        assertThat(Files.getPosixFilePermissions(dataDir))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Keyguard keyguard =
                Keyguard.start(KeyguardConfig.builder().dataDir(dataDir).build())) {
            round.check(keyguard);
        }
    }

    @Test
    void wholeRoundOnAHostsH2DatabaseTouchesOnlyKeyguardsTables() throws Exception {
        try (FreshDatabase database = FreshDatabase.h2(work)) {
            Path password = work.resolve("db-password");
            Files.writeString(password, database.password() + "\n", StandardCharsets.UTF_8);
            CliProcess cli = new CliProcess(work);

            Round round =
                    round(
                            cli,
                            "--db-url",
                            database.url(),
                            "--db-user",
                            database.user(),
                            "--db-password-file",
                            password.toString());

            checkOnServer(database, round);
        }
    }

    @Test
    void wholeRoundOnPostgresWithThePasswordInAFile() throws Exception {
        try (FreshDatabase database = FreshDatabase.on(TestDatabase.postgres())) {
            Path password = work.resolve("db-password");
            Files.writeString(
                    password,
                    database.password() == null ? "" : database.password(),
                    StandardCharsets.UTF_8);
            CliProcess cli = new CliProcess(work);

            Round round =
                    round(
                            cli,
                            "--db-url",
                            database.url(),
                            "--db-user",
                            database.user(),
                            "--db-password-file",
                            password.toString());

            checkOnServer(database, round);
        }
    }

    @Test
    void wholeRoundOnMariaDbNamedByTheFiltersEnvironmentVariables() throws Exception {
        try (FreshDatabase database = FreshDatabase.on(TestDatabase.mariadb())) {
            CliProcess cli =
                    new CliProcess(work)
                            .env("KEYGUARD_JDBC_URL", database.url())
                            .env("KEYGUARD_JDBC_USER", database.user())
                            .env(
                                    "KEYGUARD_JDBC_PASSWORD",
                                    database.password() == null ? "" : database.password());

            Round round = round(cli);

            checkOnServer(database, round);
        }
    }

    private static void checkOnServer(FreshDatabase database, Round round) throws Exception {
        assertThat(database.hostRows()).containsExactly("1:Initech");
        List<String> added = new ArrayList<>(database.tables());
        added.remove(FreshDatabase.HOST_TABLE);
        assertThat(added)
                .as("tables beside the host's")
                .contains("keyguard_schema_history", "keyguard_api_key")
                .allMatch(table -> table.startsWith("keyguard_"), "is Keyguard's");
        try (Keyguard keyguard =
                Keyguard.start(
                        KeyguardConfig.builder()
                                .jdbc(database.url(), database.user(), database.password())
                                .build())) {
            round.check(keyguard);
        }
    }

    /** The keys a round made: the one rotated, the one revoked, and the rotation's new one. */
    private record Round(String rotated, String revoked, String replacement) {

        void check(Keyguard keyguard) {
            assertThat(keyguard.verify(replacement)).as("the new key").isPresent();
            assertThat(keyguard.verify(rotated)).as("the rotated key, no grace").isEmpty();
            assertThat(keyguard.verify(revoked)).as("the revoked key").isEmpty();
            assertThat(keyguard.service().events(ORG, null, null).events())
                    .extracting(KeyEvent::type)
                    .contains(KeyEvent.Type.CREATED, KeyEvent.Type.ROTATED, KeyEvent.Type.REVOKED);
            assertThat(keyguard.service().events(ORG, null, null).events())
                    .allSatisfy(event -> assertThat(event.actor().isOperator()).isTrue());
        }
    }

    private static Round round(CliProcess cli, String... database) throws Exception {
        List<CliProcess.Run> runs = new ArrayList<>();
        CliProcess.Run first =
                run(
                        cli,
                        runs,
                        database,
                        "create-key",
                        "--org",
                        ORG,
                        "--name",
                        "CI deploy",
                        "--expires-at",
                        "2099-01-01");
        String rotated = first.key();
        String revoked = run(cli, runs, database, "create-key", "--org", ORG).key();

        CliProcess.Run table = run(cli, runs, database, "list", "--org", ORG).succeeded();
        List<String> ids = ids(run(cli, runs, database, "list", "--org", ORG, "--json"));
        assertThat(ids).hasSize(2);
        assertThat(table.out()).contains(ids.get(0), ids.get(1), "CI deploy", "2099-01-01");
        // newest first: the second key, then the first
        String replacement =
                run(
                                cli,
                                runs,
                                database,
                                "rotate",
                                "--org",
                                ORG,
                                "--id",
                                ids.get(1),
                                "--grace-period",
                                "0")
                        .key();
        run(cli, runs, database, "revoke", "--org", ORG, "--id", ids.get(0)).succeeded();

        CliProcess.Run after = run(cli, runs, database, "list", "--org", ORG, "--json");
        List<String> left = ids(after);
        assertThat(left)
                .as("the new key, and the rotated one (expired, listed until revoked)")
                .hasSize(2)
                .contains(ids.get(1))
                .doesNotContain(ids.get(0));
        assertThat(after.out())
                .contains("\"name\":\"CI deploy\"")
                .contains("\"expired\":true")
                .contains("\"expired\":false");
        for (CliProcess.Run run : runs) {
            assertThat(run.err())
                    .as("stderr of %s", run.args())
                    .doesNotContain(rotated)
                    .doesNotContain(revoked)
                    .doesNotContain(replacement);
        }
        return new Round(rotated, revoked, replacement);
    }

    private static CliProcess.Run run(
            CliProcess cli, List<CliProcess.Run> runs, String[] database, String... command)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(database));
        CliProcess.Run run = cli.run(args.toArray(String[]::new));
        runs.add(run);
        return run;
    }

    private static List<String> ids(CliProcess.Run list) {
        list.succeeded();
        List<String> ids = new ArrayList<>();
        Matcher matcher = KEY_ID.matcher(list.out());
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }
}
