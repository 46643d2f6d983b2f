package dev.keyguard.internal.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One run of a key command line, in this process: its exit code and what it printed. */
record Console(int exitCode, String out, String err) {

    static Console run(KeyCommands commands, String... commandLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = commands.run(List.of(commandLine), outStream, errStream);
        }
        return new Console(
                exitCode,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /** The key printed alone on stdout. */
    String key() {
        if (!out.matches("ll_[0-9a-f]{64}\\R")) {
            throw new AssertionError("Not a key alone on stdout: " + this);
        }
        return out.strip();
    }
}
