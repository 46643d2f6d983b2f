package dev.keyguard.bench.pinned;

import static dev.keyguard.bench.http.Report.f;

import dev.keyguard.bench.http.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 * <p>Options: {@code --rounds 8 --seconds 8 --warmup 8 --connections 16 --server-cpus 0 --load-cpus
 * 1 --paths none,minimal,keyguard,people,naive}. {@code --server-cpus 0,1} runs the server on both
 * cores (then wrk shares them). Needs {@code taskset} and {@code wrk} on the PATH, and the
 * benchmark database ({@code createdb keyguard_perf}); {@code JAVA_OPTS} go to the server (e.g. a
 * profiler agent).
 */
public final class PinnedRun {

    private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern READY = Pattern.compile("READY port=(\\d+) key=(\\S+)");

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("rounds", "8");
        o.put("seconds", "8");
        o.put("warmup", "8");
        o.put("connections", "16");
        o.put("server-cpus", "0");
        o.put("load-cpus", "1");
        o.put("paths", String.join(",", PinnedServer.PATHS));
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!o.containsKey(name)) {
                throw new IllegalArgumentException("Unknown option " + args[i] + "; known: " + o);
            }
            o.put(name, args[i + 1]);
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

        Process server = startServer(o.get("server-cpus"));
        try {
            Matcher ready = awaitReady(server);
            String base = "http://127.0.0.1:" + ready.group(1) + "/";
            String key = ready.group(2);
            for (int pass = 0; pass < 2; pass++) {
                for (String path : paths) {
                    wrk(o, base + path + "/", key, o.get("warmup"));
                }
            }
            Map<String, List<Double>> results = new LinkedHashMap<>();
            paths.forEach(p -> results.put(p, new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder(f("round %d:", round + 1));
                for (int i = 0; i < paths.size(); i++) {
                    String path = paths.get((i + round) % paths.size());
                    double rps = wrk(o, base + path + "/", key, o.get("seconds"));
                    results.get(path).add(rps);
                    line.append(f(" %s %.0f", path, rps));
                }
                System.out.println(line);
            }
            report(results);
        } finally {
            server.getOutputStream().close();
            server.waitFor();
        }
    }

    private static Process startServer(String cpus) throws IOException {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", cpus, javaBinary()));
        command.addAll(List.of("-Xms1g", "-Xmx2g", "-Dorg.jboss.logging.provider=slf4j"));
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

    private static Matcher awaitReady(Process server) throws IOException {
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

    /** One wrk run; its requests per second, after checking that every answer was a 200. */
    private static double wrk(Map<String, String> o, String url, String key, String seconds)
            throws IOException, InterruptedException {
        Process wrk =
                new ProcessBuilder(
                                "taskset",
                                "-c",
                                o.get("load-cpus"),
                                "wrk",
                                "-t1",
                                "-c" + o.get("connections"),
                                "-d" + seconds + "s",
                                "-H",
                                "Authorization: Bearer " + key,
                                url)
                        .redirectErrorStream(true)
                        .start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed on " + url + ":\n" + output);
        }
        if (output.contains("Non-2xx")) {
            throw new IllegalStateException("Answers other than 200 from " + url + ":\n" + output);
        }
        Matcher m = REQUESTS.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("No Requests/sec in wrk's output:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    private static void report(Map<String, List<Double>> results) {
        System.out.println();
        System.out.println("| guard | median req/s | min | max |");
        System.out.println("| --- | --- | --- | --- |");
        results.forEach(
                (path, values) ->
                        System.out.println(
                                f(
                                        "| %s | %.0f | %.0f | %.0f |",
                                        path,
                                        median(values),
                                        values.stream().mapToDouble(d -> d).min().orElse(0),
                                        values.stream().mapToDouble(d -> d).max().orElse(0))));
        System.out.println();
        for (String guard : List.of("keyguard", "people", "nometrics", "minimal", "naive")) {
            for (String baseline : List.of("minimal", "none")) {
                if (!guard.equals(baseline)
                        && results.containsKey(guard)
                        && results.containsKey(baseline)) {
                    ratio(results, guard, baseline);
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

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String javaBinary() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
