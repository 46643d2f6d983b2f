package dev.keyguard.bench.http;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of {@link HttpLoadRun} and says where each configuration's CPU samples
 * went. Record with {@code JAVA_OPTS=-XX:StartFlightRecording=filename=http.jfr,settings=FILE} (a
 * copy of the JDK's {@code profile.jfc} with a shorter {@code jdk.ExecutionSample} period gives
 * more samples). Arguments: the recording, and seconds to skip at its start (warm-up).
 *
 * <p>Each server has its own Jetty thread pool; a pool belongs to the configuration whose guard
 * ({@code doFilter} of Keyguard, the naive filter or the fixed caller) its samples show. Of a
 * server's samples, the guard's own are those where the guard's frame is reached, walking from the
 * executing frame down, before the demo's servlet is: the filter's work and what it calls (hashing,
 * cache, JDBC), not the app below it. The load client's threads are left out.
 */
public final class ProfileShare {

    private static final Map<String, String> GUARDS =
            Map.of(
                    "dev.keyguard.internal.web.BearerAuthentication",
                    "keyguard",
                    NaiveDatabaseFilter.class.getName(),
                    "naive",
                    FixedCallerFilter.class.getName(),
                    "none");

    private record Sample(String thread, List<RecordedFrame> frames) {}

    public static void main(String[] args) throws Exception {
        Duration skip = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 0);
        List<Sample> samples = new ArrayList<>();
        Instant first = null;
        Map<String, String> poolOf = new HashMap<>();
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                        || event.getStackTrace() == null) {
                    continue;
                }
                first = first == null ? event.getStartTime() : first;
                // async-profiler's recordings also sample threads with no Java name (JIT, GC).
                RecordedThread sampled = event.getThread("sampledThread");
                String thread =
                        sampled.getJavaName() != null
                                ? sampled.getJavaName()
                                : String.valueOf(sampled.getOSName());
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                String guard = guardOf(frames);
                if (guard != null && thread.startsWith("qtp")) {
                    poolOf.putIfAbsent(thread.substring(0, thread.lastIndexOf('-')), guard);
                }
                if (!event.getStartTime().isBefore(first.plus(skip))) {
                    samples.add(new Sample(thread, frames));
                }
            }
        }
        Map<String, long[]> byConfig = new TreeMap<>();
        Map<String, Integer> keyguardOwn = new HashMap<>();
        long client = 0;
        long otherThreads = 0;
        for (Sample sample : samples) {
            if (sample.thread().startsWith("load-")) {
                client++;
                continue;
            }
            int dash = sample.thread().lastIndexOf('-');
            String config = dash > 0 ? poolOf.get(sample.thread().substring(0, dash)) : null;
            if (config == null) {
                otherThreads++;
                continue;
            }
            long[] counts = byConfig.computeIfAbsent(config, k -> new long[2]);
            counts[0]++;
            if (isGuardsOwn(sample.frames())) {
                counts[1]++;
                if (config.equals("keyguard")) {
                    keyguardOwn.merge(describe(sample.frames()), 1, Integer::sum);
                }
            }
        }
        System.out.printf(
                "%d execution samples after the first %d s: %d in the load client,"
                        + " %d in other threads%n",
                samples.size(), skip.toSeconds(), client, otherThreads);
        byConfig.forEach(
                (config, c) ->
                        System.out.printf(
                                "  %-9s server threads %7d samples,"
                                        + " of which in its guard %6d (%.1f%%)%n",
                                config, c[0], c[1], 100.0 * c[1] / c[0]));
        System.out.println(
                "Keyguard's own samples, by the outermost Keyguard method under the"
                        + " filter and the executing frame:");
        keyguardOwn.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(25)
                .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
    }

    private static String guardOf(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String guard = GUARDS.get(frame.getMethod().getType().getName());
            if (guard != null && frame.getMethod().getName().equals("doFilter")) {
                return guard;
            }
        }
        return null;
    }

    private static boolean isGuardsOwn(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("dev.keyguard.demo.web.LeadsServlet")) {
                return false;
            }
            if (GUARDS.containsKey(type) && frame.getMethod().getName().equals("doFilter")) {
                return true;
            }
        }
        return false;
    }

    /** The Keyguard method just under the filter's doFilter, and the executing frame. */
    private static String describe(List<RecordedFrame> frames) {
        String below = "BearerAuthentication.doFilter";
        for (int i = 0; i < frames.size(); i++) {
            String type = frames.get(i).getMethod().getType().getName();
            if (type.equals("dev.keyguard.internal.web.BearerAuthentication")
                    && frames.get(i).getMethod().getName().equals("doFilter")) {
                if (i > 0) {
                    RecordedFrame callee = frames.get(i - 1);
                    below = shortName(callee);
                }
                break;
            }
        }
        return below + "  <- " + shortName(frames.get(0));
    }

    private static String shortName(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }
}
