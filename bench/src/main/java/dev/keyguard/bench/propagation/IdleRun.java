package dev.keyguard.bench.propagation;

import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardInternals;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What idle nodes cost: {@code --nodes} Keyguards in this JVM on one database (default settings,
 * unless {@code --poll-interval} is given, e.g. {@code 1s}), no requests, for {@code --seconds}. It
 * reports the CPU of this JVM and of the key-event followers' threads alone, the CPU of the
 * database server when {@code --db-pid} names its process (from {@code /proc/PID/stat}), and on
 * MariaDB or MySQL the statements the server counted ({@code SHOW GLOBAL STATUS}: {@code Questions}
 * and the {@code Com_*} that changed), which are the nodes' own only on a server that nothing else
 * uses. The first five seconds after the start are not counted.
 */
public final class IdleRun {

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("url", null);
        defaults.put("user", "root");
        defaults.put("password", "");
        defaults.put("nodes", "3");
        defaults.put("seconds", "60");
        defaults.put("db-pid", null);
        defaults.put("poll-interval", null);
        return Collections.unmodifiableMap(defaults);
    }

    private IdleRun() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = PropagationRun.options(args, DEFAULTS);
        if (o.get("url") == null) {
            throw new IllegalArgumentException("--url jdbc:... is needed");
        }
        KeyguardConfig config =
                KeyguardConfig.from(
                                name ->
                                        name.equals(KeyguardConfig.EVENTS_POLL_INTERVAL.name())
                                                ? o.get("poll-interval")
                                                : null)
                        .jdbc(o.get("url"), o.get("user"), o.get("password"))
                        .poolSize(2)
                        .build();
        int count = Integer.parseInt(o.get("nodes"));
        long seconds = Long.parseLong(o.get("seconds"));
        boolean mariadb = o.get("url").startsWith("jdbc:mariadb:");
        List<Keyguard> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                nodes.add(Keyguard.start(config));
            }
            Duration interval = KeyguardInternals.of(nodes.get(0)).follower().interval();
            Thread.sleep(5_000);
            String loadBefore = PropagationRun.loadAverage();
            Sample before = sample(o, mariadb);
            Thread.sleep(seconds * 1000);
            Sample after = sample(o, mariadb);
            double wall = (after.wallNanos - before.wallNanos) / 1e9;
            System.out.println(
                    String.format(
                            Locale.ROOT,
                            "Idle run: %d nodes, poll interval %d ms, %.0f s; load average %s at"
                                    + " start, %s at end",
                            count,
                            interval.toMillis(),
                            wall,
                            loadBefore,
                            PropagationRun.loadAverage()));
            System.out.println(
                    String.format(
                            Locale.ROOT,
                            "JVM CPU %.2f %% of a core; follower threads %.2f %% (%.3f ms per"
                                    + " read)",
                            percent(after.jvmCpuNanos - before.jvmCpuNanos, wall),
                            percent(after.followerCpuNanos - before.followerCpuNanos, wall),
                            (after.followerCpuNanos - before.followerCpuNanos)
                                    / 1e6
                                    / (wall * count / (interval.toNanos() / 1e9))));
            if (after.dbCpuTicks >= 0) {
                System.out.println(
                        String.format(
                                Locale.ROOT,
                                "database server CPU %.2f %% of a core",
                                100.0 * (after.dbCpuTicks - before.dbCpuTicks) / 100 / wall));
            }
            if (mariadb) {
                // Each sample's SHOW GLOBAL STATUS counts once itself.
                long questions = after.status.get("Questions") - before.status.get("Questions") - 1;
                System.out.println(
                        String.format(
                                Locale.ROOT,
                                "statements %.1f per second, %.2f per node per second",
                                questions / wall,
                                questions / wall / count));
                for (Map.Entry<String, Long> e : after.status.entrySet()) {
                    long delta = e.getValue() - before.status.getOrDefault(e.getKey(), 0L);
                    if (e.getKey().startsWith("Com_") && delta > 1) {
                        System.out.println(
                                String.format(
                                        Locale.ROOT,
                                        "  %s %.2f per node per second",
                                        e.getKey(),
                                        delta / wall / count));
                    }
                }
            }
        } finally {
            for (Keyguard node : nodes) {
                node.close();
            }
        }
    }

    private record Sample(
            long wallNanos,
            long jvmCpuNanos,
            long followerCpuNanos,
            long dbCpuTicks,
            Map<String, Long> status) {}

    private static Sample sample(Map<String, String> o, boolean mariadb) throws Exception {
        Map<String, Long> status = mariadb ? status(o) : Map.of();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long followers = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("keyguard-key-events-")) {
                followers += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        long jvm =
                ((com.sun.management.OperatingSystemMXBean)
                                ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime();
        return new Sample(System.nanoTime(), jvm, followers, dbCpuTicks(o.get("db-pid")), status);
    }

    /** utime + stime of a process, in clock ticks (100 a second on Linux); -1 without a pid. */
    private static long dbCpuTicks(String pid) throws IOException {
        if (pid == null) {
            return -1;
        }
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static Map<String, Long> status(Map<String, String> o) throws SQLException {
        Map<String, Long> values = new TreeMap<>();
        try (Connection c =
                        DriverManager.getConnection(
                                o.get("url"), o.get("user"), o.get("password"));
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SHOW GLOBAL STATUS")) {
            while (rows.next()) {
                try {
                    values.put(rows.getString(1), Long.parseLong(rows.getString(2)));
                } catch (NumberFormatException e) {
                    // not a counter
                }
            }
        }
        return values;
    }

    private static double percent(long cpuNanos, double wallSeconds) {
        return 100.0 * cpuNanos / 1e9 / wallSeconds;
    }
}
