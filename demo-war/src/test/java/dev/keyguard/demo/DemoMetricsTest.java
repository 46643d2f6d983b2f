package dev.keyguard.demo;

import static dev.keyguard.demo.DemoClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's {@code /health} and {@code /metrics} over real HTTP (docs/operations.md): health
 * without a key; the Prometheus text with Keyguard's meters after known traffic, which promtool
 * accepts; {@code /metrics} for the loopback address without a key, for anyone else only with a key
 * that has {@code metrics:read}.
 */
class DemoMetricsTest {

    /** Where promtool is, if not on the PATH; {@code .ci/run} fetches it and sets this. */
    static final String PROMTOOL = "KEYGUARD_TEST_PROMTOOL";

    /** With {@code true}, a missing promtool fails the test instead of skipping its check. */
    static final String REQUIRE_PROMTOOL = "KEYGUARD_TEST_REQUIRE_PROMTOOL";

    @TempDir Path dataDir;
    @TempDir Path scratch;
    private DemoServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private DemoClient start(String host) throws Exception {
        DemoOptions options =
                DemoOptions.parse(
                        List.of("--port", "0", "--host", host, "--data-dir", dataDir.toString()));
        server = DemoServer.create(options, Path.of(DemoMain.DEV_WEBAPP_DIR));
        return new DemoClient(server.start());
    }

    @Test
    void healthSaysWhatKeyguardFoundWithoutAKey() throws Exception {
        DemoClient api = start(DemoOptions.DEFAULT_HOST);
        HttpResponse<String> health = api.get("health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json(health);
        assertThat(body.at("/success").asBoolean()).isTrue();
        assertThat(body.at("/data/status").asText()).isEqualTo("up");
        assertThat(body.at("/data/databaseReachable").asBoolean()).isTrue();
        assertThat(body.at("/data/feedCurrent").asBoolean()).isTrue();
        assertThat(body.at("/data/schemaVersion").asText()).matches("[1-9][0-9]*");
    }

    @Test
    void theLoopbackAddressReadsKeyguardsMetersInPrometheusFormat() throws Exception {
        DemoClient api = start(DemoOptions.DEFAULT_HOST);
        String unknown = "ll_" + "0".repeat(64);
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("api/v1/leads", unknown).statusCode()).isEqualTo(401);
        }
        assertThat(api.get("api/v1/leads", null).statusCode()).isEqualTo(401);

        HttpResponse<String> metrics = api.get("metrics", null);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/plain");
        String text = metrics.body();
        assertThat(text)
                .contains("# TYPE keyguard_verifications_total counter")
                .contains("keyguard_verifications_total{outcome=\"missing\"} 1")
                .contains("keyguard_store_lookup_seconds_count{result=\"found\"}")
                .contains("keyguard_events_lag_seconds")
                .contains("cache_gets_total{cache=\"keyguard.keys\",result=\"miss\"}")
                .contains("hikaricp_connections{pool=\"keyguard\"}")
                .doesNotContain(unknown);
        // A key of the wrong format or checksum counts as malformed or checksum, not unknown.
        assertThat(
                        text.lines()
                                .filter(line -> line.startsWith("keyguard_verifications_total{"))
                                .mapToDouble(line -> Double.parseDouble(line.split(" ")[1]))
                                .sum())
                .isEqualTo(4);
        checkWithPromtool(text);
    }

    @Test
    void anyOtherAddressNeedsAKeyWithMetricsRead() throws Exception {
        Optional<InetAddress> own = ownNonLoopbackAddress();
        Assumptions.assumeTrue(
                own.isPresent(), "this machine has no non-loopback address to call from");
        DemoClient local = start("0.0.0.0");
        int port = local.base().getPort();
        DemoClient remote =
                new DemoClient(
                        URI.create("http://" + own.get().getHostAddress() + ":" + port + "/"));
        String reader = createKey("acme", "--scopes", "metrics:read");
        String leadsReader = createKey("acme", "--scopes", "leads:read");

        HttpResponse<String> anonymous = remote.get("metrics", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).at("/error/code").asText()).isEqualTo("unauthorized");
        HttpResponse<String> wrongScope = remote.get("metrics", leadsReader);
        assertThat(wrongScope.statusCode()).isEqualTo(403);
        assertThat(json(wrongScope).at("/error/code").asText()).isEqualTo("insufficient_scope");
        HttpResponse<String> allowed = remote.get("metrics", reader);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("keyguard_verifications_total");

        assertThat(local.get("metrics", null).statusCode())
                .as("the loopback address, without a key")
                .isEqualTo(200);
    }

    private String createKey(String org, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of("create-key", "--org", org, "--data-dir", dataDir.toString()));
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

    private static Optional<InetAddress> ownNonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : nic.inetAddresses().toList()) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** {@code promtool check metrics}: Prometheus's own check of the text format. */
    private void checkWithPromtool(String text) throws Exception {
        Optional<Path> promtool = promtool();
        if (promtool.isEmpty()) {
            if (Boolean.parseBoolean(System.getenv(REQUIRE_PROMTOOL))) {
                throw new IllegalStateException(
                        "promtool not found ("
                                + PROMTOOL
                                + " or PATH) but "
                                + REQUIRE_PROMTOOL
                                + "=true");
            }
            System.err.println(
                    "DemoMetricsTest: promtool not found; the scrape was not checked by it (set "
                            + PROMTOOL
                            + ")");
            return;
        }
        Path scrape = Files.writeString(scratch.resolve("scrape.txt"), text);
        Process check =
                new ProcessBuilder(promtool.get().toString(), "check", "metrics")
                        .redirectInput(scrape.toFile())
                        .redirectErrorStream(true)
                        .start();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("promtool check metrics said:%n%s", said).isZero();
    }

    private static Optional<Path> promtool() {
        String given = System.getenv(PROMTOOL);
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
