package dev.keyguard.bench.pinned;

import static dev.keyguard.bench.http.Report.f;

import dev.keyguard.bench.http.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 18's measurement: {@link PinnedServer} pinned to one core ({@code taskset -c 0}) and {@code
 * wrk -t1 -c16} pinned to the other, the guards measured in interleaved rounds (the order rotates
 * each round) after a warm-up, all in one server process. Reports each guard's median requests per
 * second and the ratios that matter: Keyguard to the minimal filter (what Keyguard itself adds) and
 * Keyguard to no filter, each as the median of the per-round ratios with their range.
 *
 * <p>It also reports the server's CPU time per request (its user and system time from {@code
 * /proc}, over wrk's count of requests): on a shared VM, time other tenants take from the core
 * lowers the requests per second of a round but not the CPU time each request used, so the
 * difference between two guards' CPU time per request is the steadier measure of what one adds.
 *
 * <p>Options: {@code --rounds 8 --seconds 8 --warmup 8 --connections 16 --server-cpus 0 --load-cpus
 * 1 --paths none,minimal,floor,keyguard,people,naive --mode rounds}. {@code --mode mixed} is {@link
 * MixedRun}: the guards' requests interleaved, measured by CPU time; {@code --burst N} sends N
 * requests in a row to each guard drawn (default 1). {@code --server-cpus 0,1} runs the server on
 * both cores (then wrk shares them). Needs {@code taskset} and {@code wrk} on the PATH, and the
 * benchmark database ({@code createdb keyguard_perf}); {@code JAVA_OPTS} go to the server (e.g. a
 * profiler agent).
 */
public final class PinnedRun {

    private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern READY = Pattern.compile("READY port=(\\d+) key=(\\S+)");
    private static final Pattern COUNT = Pattern.compile("(\\d+) requests in");

    /** One wrk run: requests per second and the server's CPU time per request, in microseconds. */
    private record Sample(double perSecond, double cpuMicros) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("rounds", "8");
        o.put("seconds", "8");
        o.put("warmup", "8");
        o.put("connections", "16");
        o.put("server-cpus", "0");
        o.put("load-cpus", "1");
        o.put("paths", String.join(",", PinnedServer.PATHS));
        o.put("mode", "rounds");
        o.put("burst", "1");
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!o.containsKey(name)) {
                throw new IllegalArgumentException("Unknown option " + args[i] + "; known: " + o);
            }
            o.put(name, args[i + 1]);
        }
        if (o.get("mode").equals("mixed")) {
            MixedRun.run(o);
            return;
        }
        int rounds = Integer.parseInt(o.get("rounds"));
        List<String> paths = List.of(o.get("paths").split(","));
        System.out.println(
                f(
                        "Pinned run: server on CPU %s, wrk -t1 -c%s on CPU %s; %s rounds x %s s"
                                + " per guard after %s s of warm-up each; load average %s",
                        o.get("server-cpus"),
                        o.get("connections"),
                        o.get("load-cpus"),
                        o.get("rounds"),
                        o.get("seconds"),
                        o.get("warmup"),
                        Report.loadAverage()));

        Process server = startServer(o.get("server-cpus"), false);
        try {
            Matcher ready = awaitReady(server);
            String base = "http://127.0.0.1:" + ready.group(1) + "/";
            String key = ready.group(2);
            long pid = server.pid();
            for (int pass = 0; pass < 2; pass++) {
                for (String path : paths) {
                    wrk(o, base + path + "/", key, o.get("warmup"), pid);
                }
            }
            Map<String, List<Double>> results = new LinkedHashMap<>();
            Map<String, List<Double>> cpu = new LinkedHashMap<>();
            paths.forEach(p -> results.put(p, new ArrayList<>()));
            paths.forEach(p -> cpu.put(p, new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder(f("round %d:", round + 1));
                for (int i = 0; i < paths.size(); i++) {
                    String path = paths.get((i + round) % paths.size());
                    Sample sample = wrk(o, base + path + "/", key, o.get("seconds"), pid);
                    results.get(path).add(sample.perSecond());
                    cpu.get(path).add(sample.cpuMicros());
                    line.append(
                            f(" %s %.0f (%.2f µs)", path, sample.perSecond(), sample.cpuMicros()));
                }
                System.out.println(line);
            }
            report(results, cpu);
        } finally {
            server.getOutputStream().close();
            server.waitFor();
        }
    }

    /**
     * @param metered with a {@link CpuMeter} in front of every guard, and {@code /stats/}
     */
    static Process startServer(String cpus, boolean metered) throws IOException {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", cpus, javaBinary()));
        command.addAll(List.of("-Xms1g", "-Xmx2g", "-Dorg.jboss.logging.provider=slf4j"));
        command.add("-D" + PinnedServer.METER_PROPERTY + "=" + metered);
        String javaOpts = System.getenv("JAVA_OPTS");
        if (javaOpts != null && !javaOpts.isBlank()) {
            command.addAll(List.of(javaOpts.trim().split("\\s+")));
        }
        command.addAll(
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        PinnedServer.class.getName()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    static Matcher awaitReady(Process server) throws IOException {
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                // The server prints nothing else on standard output; drain it anyway.
                Thread drain =
                        new Thread(
                                () -> {
                                    try {
                                        out.transferTo(java.io.Writer.nullWriter());
                                    } catch (IOException ignored) {
                                        // The server is gone.
                                    }
                                });
                drain.setDaemon(true);
                drain.start();
                return ready;
            }
        }
        throw new IllegalStateException("The pinned server stopped before it was ready");
    }

    /** One wrk run, after checking that every answer was a 200. */
    private static Sample wrk(
            Map<String, String> o, String url, String key, String seconds, long serverPid)
            throws IOException, InterruptedException {
        long cpuBefore = cpuTicks(serverPid);
        String output = wrkOutput(o, key, seconds, List.of(), url);
        long cpuUsed = cpuTicks(serverPid) - cpuBefore;
        Matcher m = REQUESTS.matcher(output);
        Matcher count = COUNT.matcher(output);
        if (!m.find() || !count.find()) {
            throw new IllegalStateException("No request count in wrk's output:\n" + output);
        }
        double cpuMicros = cpuUsed * 1e6 / TICKS_PER_SECOND / Long.parseLong(count.group(1));
        return new Sample(Double.parseDouble(m.group(1)), cpuMicros);
    }

    /**
     * Runs {@code wrk -t1} with the key on the load CPUs and returns its output, after checking
     * that it ran and that every answer was a 200.
     *
     * @param more further arguments, e.g. a script
     */
    static String wrkOutput(
            Map<String, String> o, String key, String seconds, List<String> more, String url)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "taskset",
                                "-c",
                                o.get("load-cpus"),
                                "wrk",
                                "-t1",
                                "-c" + o.get("connections"),
                                "-d" + seconds + "s",
                                "-H",
                                "Authorization: Bearer " + key));
        command.addAll(more);
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed on " + url + ":\n" + output);
        }
        if (output.contains("Non-2xx")) {
            throw new IllegalStateException("Answers other than 200 from " + url + ":\n" + output);
        }
        return output;
    }

    /** The kernel's clock ticks per second, the unit of {@code /proc/<pid>/stat}'s times. */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out =
                    new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            getconf.waitFor();
            return Long.parseLong(out.strip());
        } catch (IOException | InterruptedException | NumberFormatException e) {
            throw new IllegalStateException("getconf CLK_TCK did not answer", e);
        }
    }

    /**
     * The process's user and system time so far, threads that ended included ({@code proc(5)}:
     * fields 14 and 15, counted after the command name, which may hold spaces).
     */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static void report(Map<String, List<Double>> results, Map<String, List<Double>> cpu) {
        System.out.println();
        System.out.println(
                "| guard | median req/s | min | max | median server CPU per request (µs) | min |"
                        + " max |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        results.forEach(
                (path, values) ->
                        System.out.println(
                                f(
                                        "| %s | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f |",
                                        path,
                                        median(values),
                                        min(values),
                                        max(values),
                                        median(cpu.get(path)),
                                        min(cpu.get(path)),
                                        max(cpu.get(path)))));
        System.out.println();
        for (String guard :
                List.of("keyguard", "people", "nometrics", "floor", "minimal", "naive")) {
            for (String baseline : List.of("minimal", "none", "floor")) {
                if (!guard.equals(baseline)
                        && results.containsKey(guard)
                        && results.containsKey(baseline)) {
                    ratio(results, guard, baseline);
                    added(cpu, guard, baseline);
                }
            }
        }
    }

    /** The median of the per-round ratios, with their range: noise hits both alike in a round. */
    private static void ratio(Map<String, List<Double>> results, String guard, String baseline) {
        List<Double> ratios = new ArrayList<>();
        List<Double> g = results.get(guard);
        List<Double> b = results.get(baseline);
        for (int i = 0; i < g.size(); i++) {
            ratios.add(g.get(i) / b.get(i));
        }
        System.out.println(
                f(
                        "%s / %s: %.3f (per round %.3f to %.3f); ratio of medians %.3f",
                        guard,
                        baseline,
                        median(ratios),
                        ratios.stream().mapToDouble(d -> d).min().orElse(0),
                        ratios.stream().mapToDouble(d -> d).max().orElse(0),
                        median(g) / median(b)));
    }

    /**
     * What a guard adds to a baseline's CPU time per request (median of the per-round differences,
     * with their range), and the throughput ratio it implies on a saturated core.
     */
    private static void added(Map<String, List<Double>> cpu, String guard, String baseline) {
        List<Double> differences = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> g = cpu.get(guard);
        List<Double> b = cpu.get(baseline);
        for (int i = 0; i < g.size(); i++) {
            differences.add(g.get(i) - b.get(i));
            ratios.add(b.get(i) / g.get(i));
        }
        System.out.println(
                f(
                        "  CPU: %s adds %.3f µs per request to %s (per round %.3f to %.3f);"
                                + " CPU ratio %.3f (per round %.3f to %.3f)",
                        guard,
                        median(differences),
                        baseline,
                        min(differences),
                        max(differences),
                        median(ratios),
                        min(ratios),
                        max(ratios)));
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(d -> d).min().orElse(0);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(d -> d).max().orElse(0);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String javaBinary() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
