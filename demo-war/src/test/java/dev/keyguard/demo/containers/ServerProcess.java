package dev.keyguard.demo.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A container started by its stock script, its output in a log file. Stopping sends SIGTERM, as an
 * init system does: Tomcat's {@code catalina.sh run} has exec'ed the JVM, and WildFly's {@code
 * standalone.sh} (with {@code LAUNCH_JBOSS_IN_BACKGROUND}) relays it to the JVM; either way the JVM
 * shuts down gracefully, which stops the web app and so Keyguard. Whatever is still alive after the
 * grace period, or when the test JVM exits, is killed with everything it started.
 */
final class ServerProcess implements AutoCloseable {

    /** One poll of a starting container. */
    @FunctionalInterface
    interface Probe {
        /**
         * @return true once the container serves the web app
         * @throws IllegalStateException if it never will (the deployment failed)
         */
        boolean ready() throws Exception;
    }

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread killOnExit;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.killOnExit = new Thread(this::kill, name + "-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static ServerProcess start(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workingDirectory,
            Path log)
            throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workingDirectory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().keySet().removeIf(ServerProcess::isInherited);
        builder.environment().putAll(environment);
        return new ServerProcess(name, builder.start(), log);
    }

    /**
     * Whether a variable of the test's own environment would change the container or Keyguard in it
     * (a developer's {@code KEYGUARD_DATASOURCE_JNDI}, {@code JAVA_OPTS}, ...): the container gets
     * only what its {@link Container} sets.
     */
    static boolean isInherited(String variable) {
        return variable.startsWith("KEYGUARD_")
                || variable.startsWith("CATALINA_")
                || variable.startsWith("JBOSS_")
                || variable.startsWith("JPDA_")
                || variable.equals("JAVA_OPTS");
    }

    /**
     * Polls until the container is ready.
     *
     * @throws IllegalStateException if the process ends, the probe reports a failure, or the time
     *     is up; the message holds the end of the log
     */
    void awaitReady(Duration timeout, Probe probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw failure("exited with " + process.exitValue() + " while starting");
            }
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (IllegalStateException e) {
                throw failure(e.getMessage());
            }
            if (System.nanoTime() > deadline) {
                throw failure("was not ready within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** The end of the log, to add to a failure as a suppressed exception. */
    AssertionError logEnd() {
        return new AssertionError("End of " + log() + ":\n" + logTail(80));
    }

    /**
     * SIGTERM, then up to {@code grace} for a clean stop; after that SIGKILL.
     *
     * @return true if it stopped by itself within {@code grace}
     */
    boolean stop(Duration grace) throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        boolean stopped =
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)
                        && tree.stream().noneMatch(ProcessHandle::isAlive);
        tree.forEach(ProcessHandle::destroyForcibly);
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook kills what is left
        }
        return stopped;
    }

    @Override
    public void close() {
        try {
            stop(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path log() {
        return log;
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    IllegalStateException failure(String what) {
        return new IllegalStateException(
                name
                        + " "
                        + what
                        + " (all its logs are in "
                        + log.getParent()
                        + "); end of "
                        + log.getFileName()
                        + ":\n"
                        + logTail(60));
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
