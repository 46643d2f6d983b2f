package dev.keyguard.bench.pinned;

import static dev.keyguard.bench.http.Report.f;

import dev.keyguard.bench.http.Report;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * {@link PinnedRun}'s {@code --mode mixed}: one wrk sends each request to a guard drawn at random
 * (a Lua script), to a {@link PinnedServer} whose guards each sit behind a {@link CpuMeter}. On a
 * shared VM a core's speed changes from second to second (other tenants); here every guard meets
 * the same slowdowns at the same moments, so what one guard adds to another is read within each
 * round, as CPU time, not as requests per second from different moments.
 *
 * <p>Each round gives, per guard, its requests' CPU time in the filter chain (the meter's sum over
 * its count), and for the whole server the process's CPU time per request from {@code /proc} (the
 * container's parsing and writing, background threads, and the chain). A guard's cost per request
 * is then the server's mean plus its chain's difference from the mean of the chains; the meter's
 * own two clock reads per request, measured by the server at start, are taken off every guard
 * alike. The ratio of two guards' costs is the throughput ratio a saturated core would show.
 * Reports the medians over the rounds, with their range.
 */
final class MixedRun {

    private static final Pattern COUNT = Pattern.compile("(\\d+) requests in");
    private static final Pattern LINE = Pattern.compile("(\\S+) (\\d+) (\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MixedRun() {}

    static void run(Map<String, String> o) throws Exception {
        int rounds = Integer.parseInt(o.get("rounds"));
        List<String> paths = List.of(o.get("paths").split(","));
        System.out.println(
                f(
                        "Mixed pinned run: server on CPU %s, wrk -t1 -c%s on CPU %s sending to %s"
                                + " at random, %s in a row; %s rounds x %s s after %s s of warm-up;"
                                + " load average %s",
                        o.get("server-cpus"),
                        o.get("connections"),
                        o.get("load-cpus"),
                        String.join(", ", paths),
                        o.get("burst"),
                        o.get("rounds"),
                        o.get("seconds"),
                        o.get("warmup"),
                        Report.loadAverage()));
        Path script = Files.createTempFile("keyguard-mixed", ".lua");
        int burst = Integer.parseInt(o.get("burst"));
        if (burst < 1) {
            throw new IllegalArgumentException("--burst must be at least 1, was " + burst);
        }
        Files.writeString(script, lua(paths, burst), StandardCharsets.UTF_8);
        Process server = PinnedRun.startServer(o.get("server-cpus"), true);
        try {
            Matcher ready = PinnedRun.awaitReady(server);
            String base = "http://127.0.0.1:" + ready.group(1);
            String key = ready.group(2);
            long pid = server.pid();
            double meterMicros = meterCost(base);
            wrk(o, base, key, script, o.get("warmup"));
            wrk(o, base, key, script, o.get("warmup"));

            Map<String, List<Double>> costs = new LinkedHashMap<>();
            paths.forEach(p -> costs.put(p, new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                stats(base, true);
                long before = PinnedRun.cpuTicks(pid);
                long requests = wrk(o, base, key, script, o.get("seconds"));
                long ticks = PinnedRun.cpuTicks(pid) - before;
                Map<String, Double> chain = stats(base, false);
                double serverMicros =
                        ticks * 1e6 / PinnedRun.TICKS_PER_SECOND / requests - meterMicros;
                double meanChain = paths.stream().mapToDouble(chain::get).average().orElseThrow();
                StringBuilder line =
                        new StringBuilder(
                                f("round %d: server %.2f µs/request;", round + 1, serverMicros));
                for (String path : paths) {
                    double cost = serverMicros + chain.get(path) - meanChain;
                    costs.get(path).add(cost);
                    line.append(f(" %s %.2f", path, cost));
                }
                System.out.println(line);
            }
            report(costs);
        } finally {
            server.getOutputStream().close();
            server.waitFor();
            Files.deleteIfExists(script);
        }
    }

    /**
     * Requests to guards drawn at random, {@code burst} in a row to each draw, the key on all (the
     * guards without one ignore it). Drawn, not taken in turn: in a fixed turn each guard always
     * follows the same one, and a guard that follows another running the same code (Keyguard with
     * and without metrics) finds that code and its data warm in the core's caches. With a burst of
     * one, every request meets caches the other guards left cold (the harshest case); a burst of a
     * few hundred keeps each guard's code and data warm as in the rounds mode, where one guard runs
     * alone for seconds, while the core's slowdowns, which last seconds, still meet every guard.
     */
    private static String lua(List<String> paths, int burst) {
        StringBuilder list = new StringBuilder();
        for (String path : paths) {
            list.append(list.isEmpty() ? "" : ", ")
                    .append('"')
                    .append('/')
                    .append(path)
                    .append("/\"");
        }
        return "local paths = {"
                + list
                + "}\n"
                + "local burst = "
                + burst
                + "\n"
                + "local left = 0\n"
                + "local path\n"
                + "math.randomseed(os.time())\n"
                + "request = function()\n"
                + "  if left == 0 then\n"
                + "    path = paths[math.random(#paths)]\n"
                + "    left = burst\n"
                + "  end\n"
                + "  left = left - 1\n"
                + "  return wrk.format(\"GET\", path)\n"
                + "end\n";
    }

    /** One wrk run of the script; its request count, after checking every answer was a 200. */
    private static long wrk(
            Map<String, String> o, String base, String key, Path script, String seconds)
            throws IOException, InterruptedException {
        String output =
                PinnedRun.wrkOutput(o, key, seconds, List.of("-s", script.toString()), base + "/");
        Matcher count = COUNT.matcher(output);
        if (!count.find()) {
            throw new IllegalStateException("No request count in wrk's output:\n" + output);
        }
        return Long.parseLong(count.group(1));
    }

    /**
     * Each guard's CPU time per request in its chain, in microseconds; resets the meters if asked.
     */
    private static Map<String, Double> stats(String base, boolean reset)
            throws IOException, InterruptedException {
        String body = get(base + "/stats/" + (reset ? "?reset=true" : ""));
        Map<String, Double> perRequest = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches() && !m.group(1).equals("meter")) {
                long requests = Long.parseLong(m.group(3));
                perRequest.put(
                        m.group(1),
                        requests == 0 ? 0 : Long.parseLong(m.group(2)) / 1e3 / requests);
            }
        }
        return perRequest;
    }

    /** The meter's own cost per request (its two clock reads), as the server measured it. */
    private static double meterCost(String base) throws IOException, InterruptedException {
        for (String line : get(base + "/stats/").split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches() && m.group(1).equals("meter")) {
                return Long.parseLong(m.group(2)) / 1e3 / Long.parseLong(m.group(3));
            }
        }
        throw new IllegalStateException("The server did not say what its meter costs");
    }

    private static String get(String uri) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(uri)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void report(Map<String, List<Double>> costs) {
        System.out.println();
        System.out.println("| guard | median CPU per request (µs) | min | max |");
        System.out.println("| --- | --- | --- | --- |");
        costs.forEach(
                (path, values) ->
                        System.out.println(
                                f(
                                        "| %s | %.3f | %.3f | %.3f |",
                                        path,
                                        PinnedRun.median(values),
                                        PinnedRun.min(values),
                                        PinnedRun.max(values))));
        System.out.println();
        for (String guard :
                List.of("keyguard", "people", "nometrics", "floor", "minimal", "naive")) {
            for (String baseline : List.of("minimal", "none", "nometrics", "floor")) {
                if (!guard.equals(baseline)
                        && costs.containsKey(guard)
                        && costs.containsKey(baseline)) {
                    List<Double> added = new ArrayList<>();
                    List<Double> ratios = new ArrayList<>();
                    for (int i = 0; i < costs.get(guard).size(); i++) {
                        double g = costs.get(guard).get(i);
                        double b = costs.get(baseline).get(i);
                        added.add(g - b);
                        ratios.add(b / g);
                    }
                    System.out.println(
                            f(
                                    "%s / %s: throughput ratio %.3f (per round %.3f to %.3f);"
                                            + " adds %.3f µs per request (%.3f to %.3f)",
                                    guard,
                                    baseline,
                                    PinnedRun.median(ratios),
                                    PinnedRun.min(ratios),
                                    PinnedRun.max(ratios),
                                    PinnedRun.median(added),
                                    PinnedRun.min(added),
                                    PinnedRun.max(added)));
                }
            }
        }
    }
}
