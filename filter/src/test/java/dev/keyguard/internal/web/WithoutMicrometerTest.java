package dev.keyguard.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micrometer is an optional dependency: without it on the class path nothing changes. A JVM of its
 * own, on this test's class path less every Micrometer jar, runs the filter as a {@code web.xml}
 * host would (metrics and the global registry at their defaults) on a real Jetty ({@link
 * WithoutMicrometer}): no class that names a Micrometer type may have been loaded.
 */
class WithoutMicrometerTest {

    @Test
    void theFilterRunsAsBeforeOnAClassPathWithoutMicrometer(@TempDir Path dir) throws Exception {
        List<String> entries =
                Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        String withoutMicrometer =
                entries.stream()
                        .filter(e -> !Path.of(e).getFileName().toString().startsWith("micrometer-"))
                        .collect(Collectors.joining(File.pathSeparator));
        assertThat(withoutMicrometer.split(File.pathSeparator))
                .as("Micrometer was on the test class path, and is left out")
                .hasSizeLessThan(entries.size());

        Process child =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xshare:off",
                                "-verbose:class",
                                "-cp",
                                withoutMicrometer,
                                WithoutMicrometer.class.getName())
                        .redirectError(dir.resolve("err.txt").toFile())
                        .start();
        // -verbose:class prints every loaded class on standard output.
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child exited").isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(child.exitValue()).as("exit code; standard error:%n%s", err).isZero();
        assertThat(err.lines().toList()).last().isEqualTo(WithoutMicrometer.DONE);
        assertThat(out.lines().filter(line -> line.contains("dev.keyguard.")).toList())
                .as("Keyguard's classes loaded")
                .anyMatch(line -> line.contains("dev.keyguard.internal.metrics.MetricsSupport"))
                .noneMatch(line -> line.contains("dev.keyguard.internal.metrics.MeterBinding"))
                .noneMatch(line -> line.contains("dev.keyguard.micrometer."));
    }
}
