package dev.keyguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README quickstart, over real HTTP against the demo started by its factory on port 0: the
 * webapp's own web.xml, the real filter, Jersey and the embedded H2 database.
 */
class DemoQuickstartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dataDir;
    private DemoServer server;
    private URI base;

    private void start() throws Exception {
        server = DemoServer.create(DemoOptions.serve(0, dataDir), Path.of(DemoMain.DEV_WEBAPP_DIR));
        base = server.start();
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
        assertThat(get("health", null).statusCode()).isEqualTo(200);
        assertThat(get("openapi.yaml", null).body()).startsWith("openapi: 3.1");
        HttpResponse<String> anonymous = get("api/v1/leads", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"keyguard-demo\"");

        String acmeKey = createKey("acme", null);
        JsonNode leads = json(get("api/v1/leads", acmeKey));
        assertThat(leads.at("/data/0/company").asText()).isEqualTo("Initech");
        assertThat(leads.at("/data")).hasSize(3);

        HttpResponse<String> created = post("api/v1/api-keys", acmeKey,
                "{\"name\":\"My Automation Script\",\"expiresAt\":\"2030-01-01\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String scriptKey = json(created).at("/data/key").asText();
        String scriptId = json(created).at("/data/id").asText();
        assertThat(get("api/v1/leads", scriptKey).statusCode()).isEqualTo(200);

        JsonNode listed = json(get("api/v1/api-keys", scriptKey));
        assertThat(listed.at("/data")).hasSize(2);
        assertThat(listed.at("/data/0/name").asText()).isEqualTo("My Automation Script");
        assertThat(listed.at("/data/0/user/email").asText()).isEqualTo("alice@acme.example");

        String globexKey = createKey("globex", "gina@globex.example");
        assertThat(json(get("api/v1/leads", globexKey)).at("/data/0/company").asText())
                .isEqualTo("Soylent");
        assertThat(json(get("api/v1/api-keys", globexKey)).at("/data")).hasSize(1);
        assertThat(delete("api/v1/api-keys/" + scriptId, globexKey).statusCode()).isEqualTo(404);

        assertThat(delete("api/v1/api-keys/" + scriptId, acmeKey).statusCode()).isEqualTo(200);
        assertThat(get("api/v1/leads", scriptKey).statusCode()).isEqualTo(401);

        server.close();
        start();

        assertThat(get("api/v1/leads", scriptKey).statusCode()).isEqualTo(401);
        JsonNode afterRestart = json(get("api/v1/api-keys", acmeKey));
        assertThat(afterRestart.at("/data")).hasSize(1);
        assertThat(afterRestart.at("/data/0/lastUsedAt").isTextual())
                .as("lastUsedAt flushed when the server stopped").isTrue();
    }

    @Test
    void createKeyInAnotherProcessWhileTheServerRunsPrintsTheKeyAloneOnStdout() throws Exception {
        start();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DemoMain.class.getName(),
                "create-key", "--org", "globex", "--name", "CI", "--data-dir", dataDir.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isZero();
        assertThat(stdout).matches("ll_[0-9a-f]{64}" + System.lineSeparator());
        String key = stdout.strip();
        assertThat(json(get("api/v1/leads", key)).at("/data/0/company").asText()).isEqualTo("Soylent");
    }

    @Test
    void createKeyRefusesAnUnknownOrganisationOrUser() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DemoOptions unknownOrg = DemoOptions.parse(List.of("create-key", "--org", "initech",
                "--data-dir", dataDir.toString()));
        DemoOptions unknownUser = DemoOptions.parse(List.of("create-key", "--org", "acme",
                "--user", "bob@globex.example", "--data-dir", dataDir.toString()));

        assertThat(CreateKeyCommand.run(unknownOrg, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(1);
        assertThat(CreateKeyCommand.run(unknownUser, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("acme and globex").contains("bob@globex.example");
    }

    private String createKey(String org, String user) {
        List<String> args = new ArrayList<>(List.of("create-key", "--org", org, "--data-dir",
                dataDir.toString()));
        if (user != null) {
            args.addAll(List.of("--user", user));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = CreateKeyCommand.run(DemoOptions.parse(args), new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), key);
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), key);
    }

    private HttpResponse<String> delete(String path, String key) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE(), key);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String key) throws Exception {
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

}
