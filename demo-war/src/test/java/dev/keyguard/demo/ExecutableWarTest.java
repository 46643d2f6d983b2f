package dev.keyguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar keyguard-demo.war} as the README runs it, on the WAR this build packaged (the
 * POM runs this test after {@code package}, in the execution {@code executable-war}, and names the
 * WAR in the system property {@value #WAR_PROPERTY}): it starts, serves the quickstart's first
 * requests, mints a key with {@code java -jar ... create-key}, and stops on SIGTERM. Everything it
 * prints to stderr is in the demo's one log format, and none of it is a WARN or an ERROR: a user
 * who sees a warning on a clean start should be able to take it seriously.
 */
class ExecutableWarTest {

    static final String WAR_PROPERTY = "keyguard.demo.war";

    /** slf4j-simple as {@code simplelogger.properties} sets it: time, [thread], level, logger. */
    static final Pattern LOG_LINE =
            Pattern.compile(
                    "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[[^\\]]+\\] (TRACE|DEBUG|INFO|WARN|ERROR)"
                            + " [\\w.$-]+ - .*");

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    @TempDir Path work;
    private List<String> createKeyConsole = List.of();

    @Test
    void startRequestsAndShutdownPrintOneLogFormatAndNoWarning() throws Exception {
        Path dataDir = work.resolve("data");
        Path out = work.resolve("demo.out");
        Path err = work.resolve("demo.err");
        Process demo =
                java("--port", "0", "--data-dir", dataDir.toString())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        try {
            DemoClient api = new DemoClient(awaitListening(demo, out, err));

            assertThat(api.get("health", null).statusCode()).isEqualTo(200);
            assertThat(api.get("api/v1/leads", null).statusCode()).isEqualTo(401);
            String key = createKey(dataDir);
            assertThat(api.get("api/v1/leads", key).statusCode()).isEqualTo(200);
            assertThat(api.get("api/v1/api-keys", key).statusCode()).isEqualTo(200);
            assertTheLandingPageLogsInWithThePrintedPassword(api.base(), err);

            demo.destroy(); // SIGTERM, as Ctrl+C or an init system
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            assertThat(demo.exitValue()).isZero();
        } finally {
            demo.destroyForcibly();
        }

        List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertThat(console).as("the demo's stderr: start, requests and shutdown").isNotEmpty();
        SoftAssertions.assertSoftly(
                softly -> {
                    assertOneFormatAndNoWarning(softly, "the demo's stderr", console);
                    // Its one message for the user, the key's id and prefix, is not a log line.
                    assertOneFormatAndNoWarning(
                            softly,
                            "create-key's stderr",
                            createKeyConsole.stream()
                                    .filter(line -> !line.startsWith("Created key key_"))
                                    .toList());
                });
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8))
                .singleElement()
                .asString()
                .startsWith("Keyguard demo listening on http://127.0.0.1:");
    }

    /** {@code create-key} as the quickstart runs it; its stderr is held to the same rule. */
    private String createKey(Path dataDir) throws Exception {
        Path err = work.resolve("create-key.err");
        Process process =
                java("create-key", "--org", "acme", "--data-dir", dataDir.toString())
                        .redirectError(err.toFile())
                        .start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        createKeyConsole = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("create-key: %s", createKeyConsole).isZero();
        return stdout.strip();
    }

    /**
     * README's tour: {@code /} is the landing page, and the demo's users log in there with the
     * password it printed at start (none was set), which leads to the dashboard.
     */
    private static void assertTheLandingPageLogsInWithThePrintedPassword(URI base, Path err)
            throws Exception {
        HttpResponse<String> landing = send(HttpRequest.newBuilder(base).build());
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains("<form id=\"demo-login\"");
        Matcher printed =
                Pattern.compile("log in at / with the password ([a-z0-9]{12}) ")
                        .matcher(Files.readString(err, StandardCharsets.UTF_8));
        assertThat(printed.find()).as("the password printed at start").isTrue();
        assertThat(logIn(base, printed.group(1)).headers().firstValue("Location"))
                .hasValue("/keyguard/");
        assertThat(logIn(base, "not-" + printed.group(1)).headers().firstValue("Location"))
                .hasValue("/?error=login");
    }

    private static HttpResponse<String> logIn(URI base, String password) throws Exception {
        HttpResponse<String> response =
                send(
                        HttpRequest.newBuilder(base.resolve("login"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "email=alice%40acme.example&password=" + password))
                                .build());
        assertThat(response.statusCode()).isEqualTo(303);
        return response;
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertOneFormatAndNoWarning(
            SoftAssertions softly, String what, List<String> console) {
        softly.assertThat(console)
                .as(
                        "lines of %s not in the demo's log format (e.g. java.util.logging's"
                                + " two-line one)",
                        what)
                .filteredOn(line -> !LOG_LINE.matcher(line).matches())
                .isEmpty();
        softly.assertThat(console)
                .as("WARN and ERROR lines of %s", what)
                .filteredOn(
                        line -> {
                            Matcher matcher = LOG_LINE.matcher(line);
                            return matcher.matches()
                                    && (matcher.group(1).equals("WARN")
                                            || matcher.group(1).equals("ERROR"));
                        })
                .isEmpty();
    }

    /**
     * {@code java -jar} on the WAR, with this JVM's {@code java}, {@link
     * #withoutDeveloperEnvironment without the developer's environment}.
     */
    private ProcessBuilder java(String... args) {
        String war = System.getProperty(WAR_PROPERTY);
        assertThat(war).as("system property " + WAR_PROPERTY).isNotNull();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(war);
        command.addAll(List.of(args));
        return withoutDeveloperEnvironment(new ProcessBuilder(command).directory(work.toFile()));
    }

    /**
     * Removes the variables of this JVM's environment that would change what a {@code java -jar} of
     * the WAR does or prints: a developer's {@code KEYGUARD_*}, or {@code JAVA_TOOL_OPTIONS} and
     * its kin, which the JVM announces on stderr.
     */
    static ProcessBuilder withoutDeveloperEnvironment(ProcessBuilder builder) {
        builder.environment()
                .keySet()
                .removeIf(
                        name ->
                                name.startsWith("KEYGUARD_")
                                        || name.equals("JAVA_TOOL_OPTIONS")
                                        || name.equals("JDK_JAVA_OPTIONS")
                                        || name.equals("_JAVA_OPTIONS"));
        return builder;
    }

    private static URI awaitListening(Process demo, Path out, Path err)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Matcher matcher = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
            if (!demo.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "The demo did not say it listens (alive: "
                        + demo.isAlive()
                        + "); its stderr:\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
    }
}
