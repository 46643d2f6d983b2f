package dev.keyguard.demo.containers;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A stock container distribution, unpacked, into which the demo WAR is deployed unchanged. */
interface Container {

    /** How long a container may take to start and deploy. */
    Duration START_TIMEOUT = Duration.ofMinutes(3);

    /** How long it may take to stop after SIGTERM before it is killed. */
    Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    String name();

    /**
     * Makes a fresh instance of the container in {@code instanceDir} (the distribution itself is
     * left untouched), deploys {@code war} into it, and starts it on 127.0.0.1 and free ports.
     *
     * @return once every web app answers
     */
    Deployment deploy(Path war, Path instanceDir) throws Exception;

    /**
     * A web app running in the container.
     *
     * @param base its context root, ending in {@code /}
     * @param database the options that point {@code create-key} at the app's database: {@code
     *     --data-dir} for Keyguard's embedded H2, {@code --db-url} for a container's pool
     */
    record App(String name, URI base, List<String> database) {

        /** An app on Keyguard's embedded H2 in this directory. */
        static App onDataDir(String name, URI base, Path dataDir) {
            return new App(name, base, List.of("--data-dir", dataDir.toString()));
        }

        /** An app on the container's H2 pool in this directory (AUTO_SERVER lets create-key in). */
        static App onContainerH2(String name, URI base, Path dataDir) {
            return new App(
                    name, base, List.of("--db-url", Drivers.h2Url(dataDir), "--db-user", "sa"));
        }
    }

    /**
     * The container running with its web apps.
     *
     * @param stoppedMessage a line the container logs once it has stopped cleanly
     */
    record Deployment(List<App> apps, ServerProcess process, String stoppedMessage)
            implements AutoCloseable {

        /**
         * Stops the container, and checks that it stopped cleanly.
         *
         * @throws IllegalStateException if it had to be killed or did not log its clean stop
         */
        public void stop() throws InterruptedException {
            if (!process.stop(STOP_TIMEOUT)) {
                throw process.failure(
                        "did not stop within "
                                + STOP_TIMEOUT.toSeconds()
                                + " s of SIGTERM and was killed");
            }
            if (!process.logText().contains(stoppedMessage)) {
                throw process.failure("stopped without logging '" + stoppedMessage + "'");
            }
        }

        /** Kills the container if it still runs (a test that failed before {@link #stop}). */
        @Override
        public void close() {
            process.close();
        }
    }
}
