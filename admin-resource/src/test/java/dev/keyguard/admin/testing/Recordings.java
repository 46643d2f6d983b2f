package dev.keyguard.admin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exchanges of the contract suite written to {@code target/runtime-bodies/<runtime>/<test>.txt},
 * with the random parts (ids, keys, key prefixes) replaced by placeholders numbered in order of
 * appearance, so that two runtimes' files are equal exactly when their bodies are. Event times come
 * from the database server's clock, not the test's, and so do the audit trail's cursors that encode
 * them: both are replaced by a fixed placeholder.
 */
public final class Recordings {

    public static final Path ROOT = Path.of("target", "runtime-bodies");
    private static final Pattern RANDOM =
            Pattern.compile("key_[A-Za-z0-9_-]{20}|ll_[0-9a-f]{64}|ll_[0-9a-f]{10}");

    private Recordings() {}

    public static void write(String runtime, String test, String exchanges) {
        Path file = ROOT.resolve(runtime).resolve(test + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, normalise(exchanges), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern DATABASE_TIME =
            Pattern.compile("\"(occurredAt|nextCursor)\":\"[^\"]*\"");
    private static final Pattern CURSOR_PARAMETER = Pattern.compile("cursor=[A-Za-z0-9_-]+");

    static String normalise(String text) {
        Map<String, String> seen = new LinkedHashMap<>();
        String timeless = DATABASE_TIME.matcher(text).replaceAll("\"$1\":\"<DATABASE>\"");
        Matcher matcher =
                RANDOM.matcher(CURSOR_PARAMETER.matcher(timeless).replaceAll("cursor=<DATABASE>"));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String token = matcher.group();
            String kind = token.startsWith("key_") ? "ID" : token.length() > 20 ? "KEY" : "PREFIX";
            String placeholder = seen.computeIfAbsent(token, t -> "<" + kind + seen.size() + ">");
            matcher.appendReplacement(out, Matcher.quoteReplacement(placeholder));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
