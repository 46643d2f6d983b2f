package dev.keyguard.admin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Exchanges of the contract suite written to {@code
 * target/runtime-bodies/<run>/<runtime>/<test>.txt}, with the random parts (ids, keys, key
 * prefixes) replaced by placeholders numbered in order of appearance, so that two runtimes' files
 * are equal exactly when their bodies are. Event times come from the database server's clock, not
 * the test's, and so do the audit trail's cursors that encode them: both are replaced by a fixed
 * placeholder.
 *
 * <p>{@code <run>} names one Maven build: the POM gives every surefire execution of the module the
 * same {@value #RUN_PROPERTY} (the build's start time), so the comparison reads only what this
 * build recorded. The first recording of a run deletes every other run's directory (and the older
 * layout without a run), so that nothing an earlier build left can be mistaken for this one's.
 */
public final class Recordings {

    public static final Path ROOT = Path.of("target", "runtime-bodies");

    /** The system property naming the build's run, set by the POM for every execution. */
    public static final String RUN_PROPERTY = "keyguard.recordings.run";

    /**
     * The run of a JVM started without {@value #RUN_PROPERTY} (an IDE): its own, never compared.
     */
    private static final String UNNAMED_RUN =
            "unnamed-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis();

    private static final Pattern RANDOM =
            Pattern.compile("key_[A-Za-z0-9_-]{20}|ll_[0-9a-f]{64}|ll_[0-9a-f]{10}");

    /** The run directories this JVM has already cleared the others for. */
    private static final Set<Path> STARTED = ConcurrentHashMap.newKeySet();

    private Recordings() {}

    /** This build's run, or {@code null} when the JVM was started without it. */
    public static String run() {
        String run = System.getProperty(RUN_PROPERTY);
        return run == null || run.isBlank() ? null : run.strip();
    }

    public static void write(String runtime, String test, String exchanges) {
        String run = run();
        write(ROOT, run != null ? run : UNNAMED_RUN, runtime, test, exchanges);
    }

    static void write(Path root, String run, String runtime, String test, String exchanges) {
        Path runDirectory = root.resolve(run);
        Path file = runDirectory.resolve(runtime).resolve(test + ".txt");
        try {
            if (STARTED.add(runDirectory.toAbsolutePath())) {
                deleteOtherRuns(root, run);
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, normalise(exchanges), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The directory of what {@code runtime} recorded in {@code run}.
     *
     * @throws IllegalStateException naming the runs found instead, when it recorded nothing in this
     *     run: recordings of another run are never compared
     */
    public static Path recorded(Path root, String run, String runtime) {
        Path directory = root.resolve(run).resolve(runtime);
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(
                    "No "
                            + runtime
                            + " recordings from this build (run "
                            + run
                            + ", expected in "
                            + directory
                            + "); found only "
                            + runs(root)
                            + ". The "
                            + runtime
                            + " surefire execution records them earlier in the same build, and"
                            + " recordings of another build are never compared.");
        }
        return directory;
    }

    /** The run directories under {@code root}, for messages. */
    static List<String> runs(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteOtherRuns(Path root, String run) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        for (String other : runs(root)) {
            if (!other.equals(run)) {
                try (Stream<Path> paths = Files.walk(root.resolve(other))) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
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
