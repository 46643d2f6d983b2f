package dev.keyguard.demo.containers;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The H2 driver for a container's own DataSource: the very jar the WAR bundles (the test class path
 * has it), so the container's pool and {@code create-key} run one H2 version on one file.
 */
final class Drivers {

    private Drivers() {}

    static Path h2Jar() {
        try {
            return Path.of(
                    org.h2.Driver.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The URL of a container's own H2 pool in {@code dataDir} (a host's choice, not Keyguard's
     * embedded database): AUTO_SERVER lets {@code create-key --db-url} in while the container holds
     * the file.
     */
    static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("keyguard") + ";AUTO_SERVER=TRUE";
    }

    /**
     * System properties for a container whose own pool holds an H2 database with AUTO_SERVER: it
     * serves other processes on the loopback address only.
     */
    static List<String> h2SystemProperties() {
        return List.of("-Dh2.bindAddress=127.0.0.1");
    }
}
