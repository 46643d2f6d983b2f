package dev.keyguard.demo.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.demo.DemoClient;
import dev.keyguard.demo.Quickstart;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's first command as a newcomer runs it: the built {@code keyguard-demo.war} started with
 * {@code java -jar} (its own launcher and class loaders, not the test's class path), then the
 * quickstart against it with keys minted by {@code java -jar keyguard-demo.war create-key}, then
 * SIGTERM. Runs in every build's integration-test phase, after the WAR is packaged.
 */
class WarLauncherIT {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/)");

    @Test
    void theWarRunsByItselfServesTheQuickstartAndStopsOnSigterm(@TempDir Path work)
            throws Exception {
        Path war = Path.of(System.getProperty("keyguard.it.war"));
        assertThat(war).as("the packaged WAR").isRegularFile();
        Path dataDir = work.resolve("data");
        Path log = work.resolve("demo.log");
        ProcessBuilder builder =
                new ProcessBuilder(
                                List.of(
                                        Path.of(System.getProperty("java.home"), "bin", "java")
                                                .toString(),
                                        "-jar",
                                        war.toString(),
                                        "--port",
                                        "0",
                                        "--data-dir",
                                        dataDir.toString()))
                        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(ServerProcess::isInherited);
        Process demo = builder.start();
        try {
            URI base = awaitListening(demo, log);

            Quickstart.run(new DemoClient(base), new CreateKeyCli(war, dataDir, log));

            demo.destroy(); // SIGTERM
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        } finally {
            demo.destroyForcibly();
        }
    }

    private static URI awaitListening(Process demo, Path log) throws Exception {
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
        }
        throw new AssertionError(
                "java -jar keyguard-demo.war exited ("
                        + demo.waitFor()
                        + ") without listening:\n"
                        + Files.readString(log));
    }
}
