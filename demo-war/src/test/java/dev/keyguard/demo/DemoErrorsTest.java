package dev.keyguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, findings 6 and 7, against the demo started as {@code java -jar} starts it, over raw
 * HTTP: what Jetty answers itself is in the contract's envelope, nothing names Jetty, no runtime
 * describes the application, and OPTIONS and TRACE are 405 with the path's methods.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEYS = "/api/v1/api-keys";

    @TempDir static Path dataDir;
    private DemoServer server;
    private URI base;
    private String key;
    private String id;

    @BeforeAll
    void start() throws Exception {
        server = DemoServer.create(DemoOptions.serve(0, dataDir), Path.of(DemoMain.DEV_WEBAPP_DIR));
        base = server.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit =
                CreateKeyCommand.run(
                        DemoOptions.parse(
                                List.of(
                                        "create-key",
                                        "--org",
                                        "acme",
                                        "--data-dir",
                                        dataDir.toString())),
                        new PrintStream(out, true),
                        new PrintStream(new ByteArrayOutputStream()));
        assertThat(exit).isZero();
        key = out.toString(StandardCharsets.UTF_8).strip();
        RawHttp.Answer list = RawHttp.send(base, "GET", KEYS, null, bearer());
        id = json(list).at("/data/0/id").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String bearer() {
        return "Authorization: Bearer " + key;
    }

    /** The contract's error envelope with {@code code}, and nothing that names the server. */
    private static void assertEnvelope(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type"))
                .as(answer.toString())
                .startsWith("application/json");
        JsonNode body = json(answer);
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.at("/error/code").asText()).as(answer.toString()).isEqualTo(code);
        assertThat(body.at("/error/message").asText()).isNotBlank();
        assertNothingNamesTheServer(answer);
    }

    private static void assertNothingNamesTheServer(RawHttp.Answer answer) {
        assertThat(answer.header("Server")).as("Server header").isNull();
        assertThat(answer.header("X-Powered-By")).isNull();
        assertThat(answer.body())
                .doesNotContainIgnoringCase("jetty")
                .doesNotContainIgnoringCase("jersey")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    private static JsonNode json(RawHttp.Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + answer, e);
        }
    }

    @Test
    void urisJettyRefusesAreBadRequestsInTheEnvelope() {
        for (String target :
                List.of(
                        KEYS + "/a%2Fb",
                        KEYS + "/a%2fb/rotate",
                        KEYS + "/a%5Cb",
                        KEYS + "/a%00b",
                        KEYS + "/%2E%2E",
                        KEYS + "/key_%2F..%2F..")) {
            for (String method : List.of("GET", "DELETE", "POST", "PUT")) {
                assertEnvelope(
                        RawHttp.send(base, method, target, null, bearer()), 400, "bad_request");
            }
            assertEnvelope(RawHttp.send(base, "DELETE", target, null), 400, "bad_request");
        }
    }

    @Test
    void aContentTypeThatDoesNotParseIsABadRequestInTheEnvelope() {
        for (String contentType :
                List.of("application/json; charset=\"", "application/json; charset=\"utf-8")) {
            RawHttp.Answer answer =
                    RawHttp.send(
                            base, "POST", KEYS, "{}", bearer(), "Content-Type: " + contentType);
            assertEnvelope(answer, 400, "bad_request");
        }
        assertThat(json(RawHttp.send(base, "GET", KEYS, null, bearer())).get("data")).hasSize(1);
    }

    @Test
    void noDescriptionOfTheApplicationWithOrWithoutAKey() {
        for (String target : List.of("/application.wadl", "/application.wadl?detail=true")) {
            assertEnvelope(RawHttp.send(base, "GET", target, null), 404, "not_found");
            assertEnvelope(RawHttp.send(base, "GET", target, null, bearer()), 404, "not_found");
        }
    }

    @Test
    void optionsAndTraceOnTheAdminApiAre405WithTheMethodsThePathHas() {
        Map<String, String> allowed = new LinkedHashMap<>();
        allowed.put(KEYS, "GET, HEAD, POST");
        allowed.put(KEYS + "/" + id, "GET, HEAD, DELETE");
        allowed.put(KEYS + "/" + id + "/rotate", "POST");
        allowed.put(KEYS + "/events", "GET, HEAD");
        allowed.forEach(
                (path, allow) -> {
                    for (String method : List.of("OPTIONS", "TRACE")) {
                        RawHttp.Answer answer = RawHttp.send(base, method, path, null, bearer());
                        assertEnvelope(answer, 405, "method_not_allowed");
                        assertThat(answer.header("Allow")).as(method + " " + path).isEqualTo(allow);
                        assertThat(answer.body()).doesNotContain(key);
                        assertEnvelope(RawHttp.send(base, method, path, null), 401, "unauthorized");
                    }
                });
    }

    @Test
    void theDemosOwnServletsRefuseEveryOtherMethodWithoutEchoingTheRequest() {
        List<RawHttp.Answer> answers = new ArrayList<>();
        for (String method : List.of("TRACE", "OPTIONS", "POST", "DELETE", "PATCH")) {
            answers.add(RawHttp.send(base, method, "/health", null, "Cookie: session=secret"));
            answers.add(RawHttp.send(base, method, "/openapi.yaml", null));
        }
        for (String method : List.of("TRACE", "OPTIONS", "DELETE", "PATCH", "PUT")) {
            RawHttp.Answer leads = RawHttp.send(base, method, "/api/v1/leads", null, bearer());
            assertEnvelope(leads, 405, "method_not_allowed");
            assertThat(leads.header("Allow")).isEqualTo("GET, HEAD, POST");
            assertThat(leads.body()).doesNotContain(key);
        }
        for (RawHttp.Answer answer : answers) {
            assertEnvelope(answer, 405, "method_not_allowed");
            assertThat(answer.header("Allow")).isEqualTo("GET, HEAD");
            assertThat(answer.body()).doesNotContain("secret").doesNotContain(key);
        }
        assertThat(RawHttp.send(base, "GET", "/health", null).status()).isEqualTo(200);
        assertThat(RawHttp.send(base, "HEAD", "/health", null).status()).isEqualTo(200);
    }

    @Test
    void whatJettyAnswersBeforeTheAppIsInTheEnvelopeToo() {
        assertEnvelope(RawHttp.send(base, "GET", "/no/such/page", null), 404, "not_found");
        assertEnvelope(
                RawHttp.send(base, "GET", "/no/such/page", null, "Accept: text/html"),
                404,
                "not_found");
        assertEnvelope(RawHttp.send(base, "GET", "/%zz", null), 400, "bad_request");
        assertEnvelope(
                RawHttp.send(base, "DELETE", KEYS + "/%", null, bearer()), 400, "bad_request");
    }

    @Test
    void noAnswerNamesTheServer() {
        for (RawHttp.Answer answer :
                List.of(
                        RawHttp.send(base, "GET", "/health", null),
                        RawHttp.send(base, "GET", KEYS, null, bearer()),
                        RawHttp.send(base, "GET", KEYS, null),
                        RawHttp.send(base, "GET", "/openapi.yaml", null))) {
            assertNothingNamesTheServer(answer);
        }
    }
}
