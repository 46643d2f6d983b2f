package dev.keyguard.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Keyguard in a JVM of its own, started twice ({@link StartTwice}): without an SLF4J provider on
 * the class path it says once that its logs are dropped; with one (logback, as in these tests), or
 * with one that drops logs on purpose (as slf4j-nop), it says nothing.
 */
class LogProviderCheckTest {

    @Test
    void withoutAProviderOneLineSaysTheLogsAreDroppedAndHowToFixIt() throws Exception {
        List<String> err = runStartTwice(withoutLogback());

        assertThat(err).filteredOn(line -> line.startsWith("Keyguard:")).hasSize(1);
        assertThat(err).contains(LogProviderCheck.MESSAGE);
        assertThat(LogProviderCheck.MESSAGE)
                .contains("Keyguard's logs are dropped")
                .contains("slf4j-jdk14")
                .contains("logback-classic");
    }

    @Test
    void withAProviderNothingIsSaid() throws Exception {
        List<String> err = runStartTwice(System.getProperty("java.class.path"));

        assertThat(err).doesNotContain(LogProviderCheck.MESSAGE);
        assertThat(err).noneMatch(line -> line.contains("logs are dropped"));
        // The child did start Keyguard (it says so last): the silence is not a failed start.
        assertThat(err).last().isEqualTo(StartTwice.DONE);
    }

    @Test
    void aProviderThatDropsLogsOnPurposeIsNotToldOff(@TempDir Path services) throws Exception {
        Path declaration =
                services.resolve("META-INF/services/" + SLF4JServiceProvider.class.getName());
        Files.createDirectories(declaration.getParent());
        Files.writeString(declaration, ChosenNopProvider.class.getName() + "\n");

        List<String> err = runStartTwice(withoutLogback() + File.pathSeparator + services);

        assertThat(err).doesNotContain(LogProviderCheck.MESSAGE);
        assertThat(err).last().isEqualTo(StartTwice.DONE);
    }

    private static String withoutLogback() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("logback-"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Standard error of {@link StartTwice} on the class path given, line by line. */
    private static List<String> runStartTwice(String classPath)
            throws IOException, InterruptedException {
        Process child =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                classPath,
                                StartTwice.class.getName())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
        assertThat(child.exitValue()).as("exit code; standard error:%n%s", err).isZero();
        return err.lines().toList();
    }
}
