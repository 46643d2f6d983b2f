package dev.keyguard.bench.http;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of {@link HttpLoadRun} (run with
 * {@code JAVA_OPTS=-XX:StartFlightRecording=filename=http.jfr,settings=profile}) and says where
 * the CPU samples of each configuration went: in its guard (the filter's own work and what it
 * calls: hashing, cache, JDBC), or below it in the app. A sample belongs to the guard whose
 * {@code doFilter} is on its stack; it counts as the guard's own work when the guard's frame is
 * reached, walking from the executing frame down, before the demo's servlet is. Samples outside
 * any filter (Jetty's parsing and writing, the load client) are "other".
 */
public final class ProfileShare {

    private static final Map<String, String> GUARDS = Map.of(
            "dev.keyguard.web.BearerAuthentication", "keyguard",
            NaiveDatabaseFilter.class.getName(), "naive",
            FixedCallerFilter.class.getName(), "none");

    public static void main(String[] args) throws Exception {
        Map<String, long[]> byGuard = new TreeMap<>();
        Map<String, Integer> keyguardLeaves = new HashMap<>();
        long total = 0;
        long other = 0;
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                        || event.getStackTrace() == null) {
                    continue;
                }
                total++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                String guard = null;
                boolean own = false;
                boolean appSeen = false;
                for (RecordedFrame frame : frames) {
                    String type = frame.getMethod().getType().getName();
                    if (type.startsWith("dev.keyguard.demo.web.LeadsServlet")) {
                        appSeen = true;
                    }
                    String g = GUARDS.get(type);
                    if (g != null && frame.getMethod().getName().equals("doFilter")) {
                        guard = g;
                        own = !appSeen;
                        break;
                    }
                }
                if (guard == null) {
                    other++;
                    continue;
                }
                long[] counts = byGuard.computeIfAbsent(guard, k -> new long[2]);
                counts[own ? 0 : 1]++;
                if (own && guard.equals("keyguard")) {
                    keyguardLeaves.merge(firstInteresting(frames), 1, Integer::sum);
                }
            }
        }
        System.out.printf("%d execution samples; %d outside any guard (Jetty, client, GC-free"
                + " background)%n", total, other);
        long all = total;
        byGuard.forEach((guard, c) -> System.out.printf("  %-9s guard's own work %6d samples"
                + " (%.1f%% of all), the app below it %6d%n", guard, c[0], 100.0 * c[0] / all,
                c[1]));
        System.out.println("Keyguard's own samples by the first Keyguard frame from the top:");
        keyguardLeaves.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
    }

    private static String firstInteresting(List<RecordedFrame> frames) {
        String leaf = frames.get(0).getMethod().getType().getName() + "."
                + frames.get(0).getMethod().getName();
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("dev.keyguard.") && !type.startsWith("dev.keyguard.bench")) {
                return type.replace("dev.keyguard.", "") + "." + frame.getMethod().getName()
                        + "  <- leaf " + leaf;
            }
        }
        return leaf;
    }
}
