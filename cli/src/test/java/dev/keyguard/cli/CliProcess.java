package dev.keyguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar keyguard-cli.jar ...} as an operator runs it: the packaged jar (the {@code
 * executable-jar} execution of the POM passes its path), in a directory of the test's, without the
 * developer's {@code KEYGUARD_*} variables, with the variables the test gives.
 */
final class CliProcess {

    static final String JAR_PROPERTY = "keyguard.cli.jar";

    private final Path workDir;
    private final Map<String, String> environment = new HashMap<>();

    CliProcess(Path workDir) {
        this.workDir = workDir;
    }

    /** Sets an environment variable of the runs to come. */
    CliProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** What one run did. */
    record Run(List<String> args, int exitCode, String out, String err) {

        /** The key printed alone on stdout, by a run that succeeded. */
        String key() {
            assertThat(exitCode).as("exit code of %s", this).isZero();
            assertThat(out).as("stdout of %s", args).matches("ll_[0-9a-f]{64}\\R");
            return out.strip();
        }

        Run succeeded() {
            assertThat(exitCode).as("exit code of %s", this).isZero();
            return this;
        }
    }

    Run run(String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment()
                .keySet()
                .removeIf(
                        name ->
                                name.startsWith("KEYGUARD_")
                                        || name.equals("JAVA_TOOL_OPTIONS")
                                        || name.equals("JDK_JAVA_OPTIONS")
                                        || name.equals("_JAVA_OPTIONS"));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("keyguard-cli did not end in 120 s: " + List.of(args));
        }
        Run run =
                new Run(
                        List.of(args),
                        process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        assertThat(run.err())
                .as("stderr of %s: no stack trace", run.args())
                .doesNotContain("\tat ")
                .doesNotContain("Caused by");
        return run;
    }

    static Path jar() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null) {
            fail(JAR_PROPERTY + " is not set: run the tests with mvn verify, on the packaged jar");
        }
        return Path.of(jar);
    }
}
