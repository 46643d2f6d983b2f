package dev.keyguard.demo;

import static dev.keyguard.demo.DemoClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README quickstart ({@link Quickstart}), over real HTTP against the demo started by its
 * factory on port 0: the webapp's own web.xml, the real filter, Jersey and the embedded H2
 * database. {@code containers.ContainerSmokeIT} runs the same scenario in Tomcat and WildFly.
 */
class DemoQuickstartTest {

    @TempDir Path dataDir;
    private DemoServer server;
    private DemoClient api;

    private void start() throws Exception {
        server = DemoServer.create(DemoOptions.serve(0, dataDir), Path.of(DemoMain.DEV_WEBAPP_DIR));
        api = new DemoClient(server.start());
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void quickstartWorksAsTheReadmeSaysAndSurvivesARestart() throws Exception {
        start();
        Quickstart.Outcome outcome = Quickstart.run(api, this::createKey);

        server.close();
        start();

        assertThat(api.get("api/v1/leads", outcome.revokedKey()).statusCode()).isEqualTo(401);
        JsonNode afterRestart = json(api.get("api/v1/api-keys", outcome.acmeKey()));
        assertThat(afterRestart.at("/data")).hasSize(1);
        assertThat(afterRestart.at("/data/0/lastUsedAt").isTextual())
                .as("lastUsedAt flushed when the server stopped")
                .isTrue();
    }

    @Test
    void createKeyInAnotherProcessWhileTheServerRunsPrintsTheKeyAloneOnStdout() throws Exception {
        start();
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                DemoMain.class.getName(),
                                "create-key",
                                "--org",
                                "globex",
                                "--name",
                                "CI",
                                "--data-dir",
                                dataDir.toString()));
        Process process =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isZero();
        assertThat(stdout).matches("ll_[0-9a-f]{64}" + System.lineSeparator());
        String key = stdout.strip();
        assertThat(json(api.get("api/v1/leads", key)).at("/data/0/company").asText())
                .isEqualTo("Soylent");
    }

    @Test
    void createKeyWithScopesAndAddressesMintsARestrictedKey() throws Exception {
        start();
        String readKey =
                createKey(
                        "acme", null, "--scopes", "leads:read", "--allowed-ips", "127.0.0.0/8,::1");
        assertThat(api.get("api/v1/leads", readKey).statusCode()).isEqualTo(200);
        assertThat(api.post("api/v1/leads", readKey, "{\"company\":\"A\",\"contact\":\"B\"}"))
                .satisfies(response -> assertThat(response.statusCode()).isEqualTo(403));
        assertThat(api.get("api/v1/api-keys", readKey).statusCode()).isEqualTo(403);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                CreateKeyCommand.run(
                        DemoOptions.parse(
                                List.of(
                                        "create-key",
                                        "--org",
                                        "acme",
                                        "--scopes",
                                        "leads:delete",
                                        "--data-dir",
                                        dataDir.toString())),
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("A scope is not one of this app's scopes")
                .contains("leads:read, leads:write");
    }

    @Test
    void createKeyRefusesAnUnknownOrganisationOrUser() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DemoOptions unknownOrg =
                DemoOptions.parse(
                        List.of(
                                "create-key",
                                "--org",
                                "initech",
                                "--data-dir",
                                dataDir.toString()));
        DemoOptions unknownUser =
                DemoOptions.parse(
                        List.of(
                                "create-key",
                                "--org",
                                "acme",
                                "--user",
                                "bob@globex.example",
                                "--data-dir",
                                dataDir.toString()));

        assertThat(CreateKeyCommand.run(unknownOrg, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(1);
        assertThat(CreateKeyCommand.run(unknownUser, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("acme and globex").contains("bob@globex.example");
    }

    private String createKey(String org, String user, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of("create-key", "--org", org, "--data-dir", dataDir.toString()));
        if (user != null) {
            args.addAll(List.of("--user", user));
        }
        args.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit =
                CreateKeyCommand.run(
                        DemoOptions.parse(args),
                        new PrintStream(out, true),
                        new PrintStream(new ByteArrayOutputStream()));
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
