package dev.keyguard.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The figures RELIABILITY.md quotes: each test appends its lines to {@code
 * target/reliability-figures.txt} and prints them.
 */
public final class Figures {

    private static final Path FILE = Path.of("target", "reliability-figures.txt");

    private Figures() {}

    public static synchronized void record(String test, String line) {
        String text = "[" + test + "] " + line;
        System.out.println("RELIABILITY " + text);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(
                    FILE,
                    text + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
