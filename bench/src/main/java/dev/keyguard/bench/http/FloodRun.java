package dev.keyguard.bench.http;

import static dev.keyguard.bench.http.Report.f;

import dev.keyguard.KeyguardConfig;
import dev.keyguard.bench.BenchDatabase;
import dev.keyguard.bench.db.CountingDriver;
import dev.keyguard.bench.db.StatementCounts;
import dev.keyguard.bench.http.Webapps.Started;
import dev.keyguard.internal.key.KeyFormat;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Valid traffic while another client floods random, well-formed, unknown keys. Two servers run the
 * demo with Keyguard on PostgreSQL: one with the default throttle, one with throttling switched off
 * (to show what the cache alone does). In each round each server gets a quiet phase (valid traffic
 * only) and a flood phase (the same valid traffic plus the flooder), so that the two are compared
 * under the same machine noise.
 *
 * <p>The throttle counts failures per client address, and on loopback every client is 127.0.0.1.
 * The flooder therefore connects from 127.0.0.2 (also loopback; Linux routes all of 127/8 to {@code
 * lo}), so the server sees two clients, as it would on a network. The warm-up floods from
 * 127.0.0.3, so the refusal and 429 paths are compiled before the measurement while 127.0.0.2
 * starts unthrottled. Were both on 127.0.0.1, throttling the flooder would block the valid clients
 * too, exactly as behind a proxy that hides client addresses (see docs/filter.md).
 *
 * <p>Options: {@code --rounds 3 --seconds 8 --warmup 5 --connections 8 --flooders 1}.
 */
public final class FloodRun {

    static final String FLOOD_ADDRESS = "127.0.0.2";
    static final String WARM_UP_ADDRESS = "127.0.0.3";

    public static void main(String[] args) throws Exception {
        Map<String, Double> o =
                HttpLoadRun.options(
                        args,
                        Map.of(
                                "rounds",
                                3.0,
                                "seconds",
                                8.0,
                                "warmup",
                                5.0,
                                "connections",
                                8.0,
                                "flooders",
                                1.0));
        int rounds = o.get("rounds").intValue();
        double seconds = o.get("seconds");
        int connections = o.get("connections").intValue();
        int flooders = o.get("flooders").intValue();
        CountingDriver.register();
        Webapps webapps =
                new Webapps(
                        new Webapps.Database(
                                BenchDatabase.url(),
                                BenchDatabase.user(),
                                BenchDatabase.password()));
        System.out.println(
                f(
                        "Flood run: %d rounds x (%.0f s quiet + %.0f s flood) per server, %d valid"
                            + " connections from 127.0.0.1, %d flooding from %s; load average %s",
                        rounds,
                        seconds,
                        seconds,
                        connections,
                        flooders,
                        FLOOD_ADDRESS,
                        Report.loadAverage()));
        List<Started> servers = new ArrayList<>();
        try (BenchKeys keys = new BenchKeys(4)) {
            servers.add(webapps.keyguard("throttled", Map.of()));
            servers.add(
                    webapps.keyguard(
                            "unthrottled",
                            Map.of(KeyguardConfig.THROTTLE_MAX_FAILURES.name(), "0")));
            for (Started server : servers) {
                HttpLoadRun.check(server, keys.raw());
            }
            // Warm-up with a flood too, from a third address: it compiles the refusal and 429
            // paths before the measurement, and gets 127.0.0.3 blocked, not the flooder's address.
            for (int i = 0; i < 2; i++) {
                for (Started server : servers) {
                    Load.run(
                            o.get("warmup"),
                            HttpLoadRun.clients(server, keys.raw(), connections),
                            flooder(server, WARM_UP_ADDRESS, flooders));
                }
            }
            Map<String, List<Load.Result>> quiet = new LinkedHashMap<>();
            Map<String, List<Load.Result>> flooded = new LinkedHashMap<>();
            servers.forEach(
                    s -> {
                        quiet.put(s.name(), new ArrayList<>());
                        flooded.put(s.name(), new ArrayList<>());
                    });
            System.out.println(
                    "\n"
                        + "round server      phase  valid req/s  p50 us  p99 us  p99.9 us  flood"
                        + " req  401s   429s  SELECTs (flood)  first 429 (request, ms)  load");
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < servers.size(); k++) {
                    Started server = servers.get((round + k) % servers.size());
                    StatementCounts counts = CountingDriver.counts(server.tag());
                    StatementCounts.Snapshot start = counts.snapshot();
                    Load.Result calm =
                            Load.run(seconds, HttpLoadRun.clients(server, keys.raw(), connections))
                                    .get(0);
                    StatementCounts.Snapshot middle = counts.snapshot();
                    List<Load.Result> both =
                            Load.run(
                                    seconds,
                                    HttpLoadRun.clients(server, keys.raw(), connections),
                                    flooder(server, FLOOD_ADDRESS, flooders));
                    StatementCounts.Snapshot end = counts.snapshot();
                    quiet.get(server.name()).add(calm);
                    flooded.get(server.name()).add(both.get(0));
                    StatementCounts.Snapshot quietStatements = middle.minus(start);
                    StatementCounts.Snapshot floodStatements = end.minus(middle);
                    print(round, server.name(), "quiet", calm, null, quietStatements, 0);
                    print(
                            round,
                            server.name(),
                            "flood",
                            both.get(0),
                            both.get(1),
                            floodStatements,
                            floodStatements.selects() - quietStatements.selects());
                }
            }
            System.out.println(
                    "\nAll rounds    server       valid p99 quiet  flood  ratio   "
                            + "p99.9 quiet  flood");
            for (Started server : servers) {
                Histogram q = merge(quiet.get(server.name()));
                Histogram fl = merge(flooded.get(server.name()));
                double[] ratios = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    ratios[i] =
                            (double)
                                            flooded.get(server.name())
                                                    .get(i)
                                                    .latencyMicros
                                                    .getValueAtPercentile(99)
                                    / quiet.get(server.name())
                                            .get(i)
                                            .latencyMicros
                                            .getValueAtPercentile(99);
                }
                System.out.println(
                        f(
                                "              %-12s %9d %7d %6.2f %11d %6d   median of"
                                        + " round ratios %.2f (target <= 2)",
                                server.name(),
                                q.getValueAtPercentile(99),
                                fl.getValueAtPercentile(99),
                                (double) fl.getValueAtPercentile(99) / q.getValueAtPercentile(99),
                                q.getValueAtPercentile(99.9),
                                fl.getValueAtPercentile(99.9),
                                Report.median(ratios)));
            }
        } finally {
            for (Started server : servers) {
                server.close();
            }
        }
        System.out.println("Load average at the end: " + Report.loadAverage());
    }

    /**
     * @param byFlood SELECTs of the flood phase beyond those of the quiet phase before it (the
     *     valid keys' re-checks, one per key per second, happen in both)
     */
    private static void print(
            int round,
            String server,
            String phase,
            Load.Result valid,
            Load.Result flood,
            StatementCounts.Snapshot statements,
            long byFlood) {
        String floodPart =
                flood == null
                        ? f("%9s %5s %6s", "-", "-", "-")
                        : f("%9d %5d %6d", flood.requests(), flood.status(401), flood.status(429));
        String first =
                flood == null || flood.first429Request < 0
                        ? "-"
                        : f("%d, %.1f", flood.first429Request, flood.first429Nanos / 1e6);
        System.out.println(
                f(
                        "%5d %-11s %-5s %11.0f %s  %s %11s  %-23s  %s",
                        round + 1,
                        server,
                        phase,
                        valid.perSecond(),
                        Report.percentiles(valid.latencyMicros),
                        floodPart,
                        statements.selects() + (flood == null ? "" : " (" + byFlood + ")"),
                        first,
                        Report.loadAverage()));
        if (valid.requests() != valid.status(200)) {
            System.out.println(
                    f(
                            "      WARNING: %d of the valid requests were not answered 200"
                                    + " (429: %d)",
                            valid.requests() - valid.status(200), valid.status(429)));
        }
    }

    /**
     * Random well-formed keys that no one has, with a valid checksum (so they are looked up; the
     * forged keys of {@link ForgedFloodRun} are not).
     */
    private static Load.Clients flooder(Started server, String from, int connections) {
        return new Load.Clients(
                "flood",
                server.address(),
                from,
                connections,
                i -> {
                    Supplier<byte[]> random =
                            () -> {
                                byte[] secret = new byte[28];
                                ThreadLocalRandom.current().nextBytes(secret);
                                return RawHttpConnection.get(
                                        server.address(),
                                        Webapps.LEADS,
                                        KeyFormat.withChecksum(
                                                "ll_" + HexFormat.of().formatHex(secret)));
                            };
                    return random;
                });
    }

    private static Histogram merge(List<Load.Result> results) {
        Histogram all = new Histogram(60_000_000L, 3);
        results.forEach(r -> all.add(r.latencyMicros));
        return all;
    }
}
