package dev.keyguard.demo.containers;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** A stock container distribution, unpacked, into which the demo WAR is deployed unchanged. */
interface Container {

    /** How long a container may take to start and deploy the WAR. */
    Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** How long it may take to stop after SIGTERM before it is killed. */
    Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    String name();

    /**
     * Makes a fresh instance of the container in {@code instanceDir} (the distribution itself is
     * left untouched), deploys {@code war} into it and starts it on 127.0.0.1 and free ports, with
     * {@code KEYGUARD_DATA_DIR=dataDir} in its environment.
     *
     * @return once the web app answers
     */
    Deployment deploy(Path war, Path instanceDir, Path dataDir) throws Exception;

    /**
     * The WAR running in a container.
     *
     * @param base the context root, ending in {@code /}
     * @param stoppedMessage a line the container logs once it has stopped cleanly
     */
    record Deployment(URI base, ServerProcess process, String stoppedMessage) implements AutoCloseable {

        /**
         * Stops the container, and checks that it stopped cleanly.
         *
         * @throws IllegalStateException if it had to be killed or did not log its clean stop
         */
        public void stop() throws InterruptedException {
            if (!process.stop(STOP_TIMEOUT)) {
                throw process.failure("did not stop within " + STOP_TIMEOUT.toSeconds()
                        + " s of SIGTERM and was killed");
            }
            if (!process.logText().contains(stoppedMessage)) {
                throw process.failure("stopped without logging '" + stoppedMessage + "'");
            }
        }

        /** Kills the container if it still runs (a test that failed before {@link #stop}). */
        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }
}
