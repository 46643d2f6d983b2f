package dev.keyguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.ApiKey;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar keyguard-demo.war} as a process of its own, stopped by SIGTERM. */
class DemoShutdownTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/)");

    @Test
    void sigtermWritesTheLastUseBeforeTheEmbeddedDatabaseCloses(@TempDir Path dataDir)
            throws Exception {
        Process demo =
                new ProcessBuilder(
                                List.of(
                                        Path.of(System.getProperty("java.home"), "bin", "java")
                                                .toString(),
                                        "-cp",
                                        System.getProperty("java.class.path"),
                                        DemoMain.class.getName(),
                                        "--port",
                                        "0",
                                        "--data-dir",
                                        dataDir.toString()))
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        try {
            URI base = awaitListening(demo);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(
                            CreateKeyCommand.run(
                                    DemoOptions.parse(
                                            List.of(
                                                    "create-key",
                                                    "--org",
                                                    "acme",
                                                    "--data-dir",
                                                    dataDir.toString())),
                                    new PrintStream(out, true),
                                    new PrintStream(OutputStream.nullOutputStream())))
                    .isZero();
            String key = out.toString(StandardCharsets.UTF_8).strip();
            assertThat(new DemoClient(base).get("api/v1/leads", key).statusCode()).isEqualTo(200);

            demo.destroy(); // SIGTERM
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            demo.destroyForcibly();
        }

        try (Keyguard keyguard =
                Keyguard.start(KeyguardConfig.builder().dataDir(dataDir).build())) {
            assertThat(keyguard.service().list("acme"))
                    .extracting(ApiKey::lastUsedAt)
                    .doesNotContainNull();
        }
    }

    private static URI awaitListening(Process demo) throws Exception {
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
        }
        throw new AssertionError("The demo exited without listening: " + demo.waitFor());
    }
}
