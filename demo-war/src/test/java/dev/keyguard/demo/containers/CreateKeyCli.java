package dev.keyguard.demo.containers;

import dev.keyguard.demo.Quickstart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar keyguard-demo.war create-key} as the deployment how-to tells a newcomer to run
 * it, on the database of a WAR running in a container: Keyguard's embedded H2 (create-key then asks
 * the running app through its socket in the data directory), or the container's H2 pool.
 */
final class CreateKeyCli implements Quickstart.KeyMinter {

    private static final long TIMEOUT_SECONDS = 120;

    private final Path war;
    private final List<String> database;
    private final Path log;

    CreateKeyCli(Path war, List<String> database, Path log) {
        this.war = war;
        this.database = database;
        this.log = log;
    }

    @Override
    public String createKey(String organisation, String userEmail) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("create-key", "--org", organisation));
        arguments.addAll(database);
        if (userEmail != null) {
            arguments.addAll(List.of("--user", userEmail));
        }
        return runJar(war, arguments, log);
    }

    /**
     * {@code java -jar jar arguments...} with a clean environment, its stderr appended to {@code
     * log}.
     *
     * @return its stdout, stripped
     * @throws IllegalStateException if it did not finish in time or exited with another code than 0
     */
    static String runJar(Path jar, List<String> arguments, Path log) throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                // A short-lived JVM: the C1 compiler alone starts it sooner.
                                "-XX:TieredStopAtLevel=1",
                                "-jar",
                                jar.toString()));
        command.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(ServerProcess::isInherited);
        Process process = builder.start();
        try {
            String stdout =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        jar.getFileName()
                                + " did not finish within "
                                + TIMEOUT_SECONDS
                                + " s; see "
                                + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        jar.getFileName()
                                + " "
                                + arguments.get(0)
                                + " exited with "
                                + process.exitValue()
                                + ":\n"
                                + Files.readString(log, StandardCharsets.UTF_8));
            }
            return stdout.strip();
        } finally {
            process.destroyForcibly();
        }
    }
}
