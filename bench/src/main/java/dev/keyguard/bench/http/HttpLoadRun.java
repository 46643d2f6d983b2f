package dev.keyguard.bench.http;

import static dev.keyguard.bench.http.Report.f;

import dev.keyguard.bench.BenchDatabase;
import dev.keyguard.bench.db.CountingDriver;
import dev.keyguard.bench.db.StatementCounts;
import dev.keyguard.bench.http.Webapps.Started;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * HTTP load on the demo's protected endpoint {@code GET /api/v1/leads} in three configurations in
 * one run: no filter (a fixed caller), Keyguard as the demo ships it, and a naive filter that
 * queries PostgreSQL on every request. All three servers run at once on 127.0.0.1; the load moves
 * from one to the next in rounds, in a rotated order, so that noise from the shared machine hits
 * all three alike. Also reports the statements each configuration sent to the database, and for
 * Keyguard how many {@code lastUsedAt} UPDATEs its requests caused.
 *
 * <p>Options: {@code --rounds 5 --seconds 10 --warmup 5 --connections 8 --keys 4}, and {@code
 * --configs none,keyguard,naive} (the default; the diagnostic guards {@code verify-only}, which
 * only calls {@code Keyguard.verify}, {@code verify-attr} and {@code verify-headers} (see {@link
 * VerifyOnlyFilter}) may be added, and {@code keyguard-nometrics}, the demo with {@code
 * keyguard.metrics=false}, beside {@code keyguard}, whose meters the demo binds). Ratios need
 * {@code none} and {@code keyguard}.
 */
public final class HttpLoadRun {

    public static void main(String[] args) throws Exception {
        List<String> configs = List.of("none", "keyguard", "naive");
        List<String> numeric = new ArrayList<>(List.of(args));
        int at = numeric.indexOf("--configs");
        if (at >= 0 && at + 1 < numeric.size()) {
            configs = List.of(numeric.get(at + 1).split(","));
            numeric.subList(at, at + 2).clear();
        }
        Map<String, Double> o =
                options(
                        numeric.toArray(String[]::new),
                        Map.of(
                                "rounds",
                                5.0,
                                "seconds",
                                10.0,
                                "warmup",
                                5.0,
                                "connections",
                                8.0,
                                "keys",
                                4.0));
        int rounds = o.get("rounds").intValue();
        double seconds = o.get("seconds");
        int connections = o.get("connections").intValue();
        CountingDriver.register();
        Webapps webapps =
                new Webapps(
                        new Webapps.Database(
                                BenchDatabase.url(),
                                BenchDatabase.user(),
                                BenchDatabase.password()));
        System.out.println(
                f(
                        "HTTP load run: %d rounds x %.0f s per configuration, %d connections,"
                                + " %d keys; load average %s at start",
                        rounds,
                        seconds,
                        connections,
                        o.get("keys").intValue(),
                        Report.loadAverage()));

        List<Started> servers = new ArrayList<>();
        try (BenchKeys keys = new BenchKeys(o.get("keys").intValue())) {
            for (String config : configs) {
                servers.add(
                        switch (config) {
                            case "none" ->
                                    webapps.guardedBy("none", FixedCallerFilter.class, Map.of());
                            case "keyguard" -> webapps.keyguard("keyguard", Map.of());
                            case "keyguard-nometrics" ->
                                    webapps.keyguard(
                                            "keyguard-nometrics",
                                            Map.of("keyguard.metrics", "false"));
                            case "verify-only" ->
                                    webapps.guardedBy(
                                            "verify-only", VerifyOnlyFilter.class, Map.of());
                            case "verify-attr" ->
                                    webapps.guardedBy(
                                            "verify-attr",
                                            VerifyOnlyFilter.class,
                                            Map.of("attribute", "true"));
                            case "verify-headers" ->
                                    webapps.guardedBy(
                                            "verify-headers",
                                            VerifyOnlyFilter.class,
                                            Map.of("headers", "true"));
                            case "naive" ->
                                    webapps.guardedBy(
                                            "naive",
                                            NaiveDatabaseFilter.class,
                                            Map.of(
                                                    "jdbc-url",
                                                    webapps.countedUrl("naive-filter"),
                                                    "jdbc-user",
                                                    BenchDatabase.user(),
                                                    "jdbc-password",
                                                    BenchDatabase.password(),
                                                    "pool-size",
                                                    "10"));
                            default ->
                                    throw new IllegalArgumentException(
                                            "Unknown configuration "
                                                    + config
                                                    + ": none, keyguard, naive, or the diagnostic"
                                                    + " verify-only, verify-attr, verify-headers");
                        });
            }
            for (Started server : servers) {
                check(server, keys.raw());
            }
            long startNanos = System.nanoTime();
            Map<String, StatementCounts.Snapshot> before = new LinkedHashMap<>();
            before.put("keyguard", CountingDriver.counts("keyguard").snapshot());
            before.put("naive-filter", CountingDriver.counts("naive-filter").snapshot());

            System.out.println(f("Warm-up: %.0f s per configuration, twice", o.get("warmup")));
            for (int i = 0; i < 2; i++) {
                for (Started server : servers) {
                    Load.run(o.get("warmup"), clients(server, keys.raw(), connections));
                }
            }

            Map<String, List<Load.Result>> byName = new LinkedHashMap<>();
            servers.forEach(s -> byName.put(s.name(), new ArrayList<>()));
            Map<String, List<Double>> cpuPerRequest = new LinkedHashMap<>();
            servers.forEach(s -> cpuPerRequest.put(s.name(), new ArrayList<>()));
            System.out.println(
                    "\nround config      req/s    p50 us  p99 us  p99.9 us  non-200"
                            + "  JVM CPU us/req  load avg");
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < servers.size(); k++) {
                    Started server = servers.get((round + k) % servers.size());
                    long cpuBefore = processCpuNanos();
                    Load.Result r =
                            Load.run(seconds, clients(server, keys.raw(), connections)).get(0);
                    double cpu = (processCpuNanos() - cpuBefore) / 1e3 / r.requests();
                    byName.get(server.name()).add(r);
                    cpuPerRequest.get(server.name()).add(cpu);
                    System.out.println(
                            f(
                                    "%5d %-9s %8.0f %s %8d  %14.1f  %s",
                                    round + 1,
                                    server.name(),
                                    r.perSecond(),
                                    Report.percentiles(r.latencyMicros),
                                    r.requests() - r.status(200) + r.errors.get(),
                                    cpu,
                                    Report.loadAverage()));
                }
            }
            double runSeconds = (System.nanoTime() - startNanos) / 1e9;
            summary(byName, rounds);
            cpu(cpuPerRequest);
            statements(byName, before, runSeconds, keys.raw().size());
        } finally {
            for (Started server : servers) {
                server.close();
            }
        }
        System.out.println("Load average at the end: " + Report.loadAverage());
    }

    private static void summary(Map<String, List<Load.Result>> byName, int rounds) {
        System.out.println("\nAll rounds  config      req/s (mean)  p50 us  p99 us  p99.9 us");
        Map<String, Histogram> merged = new LinkedHashMap<>();
        byName.forEach(
                (name, results) -> {
                    Histogram all = new Histogram(60_000_000L, 3);
                    double sum = 0;
                    for (Load.Result r : results) {
                        all.add(r.latencyMicros);
                        sum += r.perSecond();
                    }
                    merged.put(name, all);
                    System.out.println(
                            f(
                                    "            %-9s %12.0f %s",
                                    name, sum / results.size(), Report.percentiles(all)));
                });
        double[] throughput = new double[rounds];
        double[] p99 = new double[rounds];
        double[] naive = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            Load.Result none = byName.get("none").get(i);
            Load.Result keyguard = byName.get("keyguard").get(i);
            throughput[i] = keyguard.perSecond() / none.perSecond();
            p99[i] =
                    (double) keyguard.latencyMicros.getValueAtPercentile(99)
                            / none.latencyMicros.getValueAtPercentile(99);
            naive[i] =
                    byName.containsKey("naive")
                            ? keyguard.perSecond() / byName.get("naive").get(i).perSecond()
                            : 0;
        }
        System.out.println(
                f("%nRatios, median of the %d rounds (each round's ratio in brackets):", rounds));
        System.out.println(
                f(
                        "  Keyguard / no filter, throughput: %.3f  %s  (target >= 0.97)",
                        Report.median(throughput), list(throughput)));
        System.out.println(
                f(
                        "  Keyguard / no filter, p99:        %.3f  %s  (target <= 1.10)",
                        Report.median(p99), list(p99)));
        if (byName.containsKey("naive")) {
            System.out.println(
                    f(
                            "  Keyguard / naive filter, throughput: %.2f  %s  (target >= 5)",
                            Report.median(naive), list(naive)));
        }
        if (byName.containsKey("keyguard-nometrics")) {
            double[] off = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                off[i] =
                        byName.get("keyguard-nometrics").get(i).perSecond()
                                / byName.get("none").get(i).perSecond();
            }
            System.out.println(
                    f(
                            "  Keyguard without metrics / no filter, throughput: %.3f  %s"
                                    + "  (metrics may move the ratio by less than 0.01)",
                            Report.median(off), list(off)));
        }
        if (byName.containsKey("verify-only")) {
            double[] verifyOnly = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                verifyOnly[i] =
                        byName.get("verify-only").get(i).perSecond()
                                / byName.get("none").get(i).perSecond();
            }
            System.out.println(
                    f(
                            "  verify-only / no filter, throughput: %.3f  %s",
                            Report.median(verifyOnly), list(verifyOnly)));
        }
        System.out.println(
                f(
                        "  All rounds merged: p99 Keyguard / no filter %.3f",
                        (double) merged.get("keyguard").getValueAtPercentile(99)
                                / merged.get("none").getValueAtPercentile(99)));
    }

    /**
     * CPU time of this JVM (servers, load client and their kernel time) per request: unlike
     * throughput it does not shrink when other processes take the cores, so its ratio is what the
     * throughput ratio would be on a machine of our own. The naive filter's figure leaves out
     * PostgreSQL's own CPU, which runs in other processes.
     */
    private static void cpu(Map<String, List<Double>> cpuPerRequest) {
        System.out.println("\nJVM CPU time per request (median of the rounds):");
        Map<String, Double> medians = new LinkedHashMap<>();
        cpuPerRequest.forEach(
                (name, values) -> {
                    double median =
                            Report.median(
                                    values.stream().mapToDouble(Double::doubleValue).toArray());
                    medians.put(name, median);
                    System.out.println(
                            f(
                                    "  %-11s %6.1f us%s",
                                    name,
                                    median,
                                    name.equals("naive")
                                            ? " (plus PostgreSQL's, not counted)"
                                            : ""));
                });
        if (medians.containsKey("none") && medians.containsKey("keyguard")) {
            System.out.println(
                    f(
                            "  no filter / Keyguard: %.3f (the throughput ratio on an"
                                    + " otherwise idle machine; target >= 0.97)",
                            medians.get("none") / medians.get("keyguard")));
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void statements(
            Map<String, List<Load.Result>> byName,
            Map<String, StatementCounts.Snapshot> before,
            double runSeconds,
            int keys) {
        long keyguardRequests =
                byName.get("keyguard").stream().mapToLong(Load.Result::requests).sum();
        long naiveRequests =
                byName.getOrDefault("naive", List.of()).stream()
                        .mapToLong(Load.Result::requests)
                        .sum();
        StatementCounts.Snapshot keyguard =
                CountingDriver.counts("keyguard").snapshot().minus(before.get("keyguard"));
        StatementCounts.Snapshot naive =
                CountingDriver.counts("naive-filter").snapshot().minus(before.get("naive-filter"));
        System.out.println(
                f("%nDatabase statements over the %.0f s of warm-up and rounds:", runSeconds));
        System.out.println(
                f(
                        "  naive filter: %d SELECTs for %d measured requests (plus warm-up)",
                        naive.selects(), naiveRequests));
        System.out.println(
                f(
                        "  Keyguard:     %d key look-ups (re-checks of %d cached keys: about one"
                            + " per key per minute while the key-event feed is current, at most one"
                            + " per key per second while it is not: bound %d), %d reads of the"
                            + " key-event log (one a second), %d other",
                        keyguard.selects(),
                        keys,
                        (long) Math.ceil(runSeconds + 1) * keys,
                        keyguard.feedReads(),
                        keyguard.others()));
        System.out.println(
                f(
                        "Write-behind: %d measured requests on %d keys (plus warm-up) caused %d"
                            + " lastUsedAt UPDATEs in %.0f s; bound at one per key per 5 s flush:"
                            + " %d",
                        keyguardRequests,
                        keys,
                        keyguard.lastUsedUpdates(),
                        runSeconds,
                        ((long) Math.floor(runSeconds / 5) + 1) * keys));
    }

    private static String list(double[] values) {
        StringBuilder s = new StringBuilder("[");
        for (double v : values) {
            s.append(s.length() > 1 ? " " : "").append(f("%.2f", v));
        }
        return s.append("]").toString();
    }

    /** Valid traffic: connection i sends key i mod keys. */
    static Load.Clients clients(Started server, List<String> keys, int connections) {
        return new Load.Clients(
                server.name(),
                server.address(),
                null,
                connections,
                i -> {
                    byte[] request =
                            RawHttpConnection.get(
                                    server.address(), Webapps.LEADS, keys.get(i % keys.size()));
                    Supplier<byte[]> same = () -> request;
                    return same;
                });
    }

    /** Each server answers a key with 200, and the guarded ones a missing key with 401. */
    static void check(Started server, List<String> keys) throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(server.address(), null)) {
            int ok =
                    c.exchange(RawHttpConnection.get(server.address(), Webapps.LEADS, keys.get(0)));
            int anonymous =
                    c.exchange(RawHttpConnection.get(server.address(), Webapps.LEADS, null));
            boolean guarded = !server.name().equals("none");
            if (ok != 200 || anonymous != (guarded ? 401 : 200)) {
                throw new IllegalStateException(
                        server.name() + " answered " + ok + " and " + anonymous);
            }
        }
    }

    static Map<String, Double> options(String[] args, Map<String, Double> defaults) {
        Map<String, Double> options = new LinkedHashMap<>(defaults);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!defaults.containsKey(name)) {
                throw new IllegalArgumentException(
                        "Unknown option " + args[i] + "; known: " + defaults.keySet());
            }
            options.put(name, Double.parseDouble(args[i + 1]));
        }
        return options;
    }
}
