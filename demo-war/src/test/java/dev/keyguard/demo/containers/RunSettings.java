package dev.keyguard.demo.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the containers profile tells its tests (system properties naming the unpacked distributions,
 * the built artifacts and the work directory), and their fresh instance directories.
 */
final class RunSettings {

    private RunSettings() {}

    /** An unpacked distribution named by a system property of the profile. */
    static Path distribution(String property) {
        Path home = Path.of(property(property));
        if (!Files.isDirectory(home.resolve("bin"))) {
            throw new IllegalStateException(property + " is not an unpacked distribution: " + home);
        }
        return home;
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(
                    "No system property " + name + ": run this test with mvn -Pcontainers verify");
        }
        return value;
    }

    /** An empty directory {@code name} below the profile's work directory. */
    static Path freshWorkDir(String name) throws IOException {
        Path dir = Path.of(property("keyguard.it.work")).resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
