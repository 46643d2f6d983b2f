package dev.keyguard.bench.http;

import static dev.keyguard.bench.http.Report.f;

import dev.keyguard.bench.BenchDatabase;
import dev.keyguard.bench.db.CountingDriver;
import dev.keyguard.bench.db.StatementCounts;
import dev.keyguard.bench.http.Webapps.Started;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * Valid traffic while 1,000 client addresses send 100,000 forged keys: right prefix, length and
 * lowercase hex, but 64 random hex characters, so the checksum is wrong (but for one in 2^32). The
 * demo runs with Keyguard on PostgreSQL at its defaults (throttle and look-up budget on). Each
 * round has a quiet phase (valid traffic only) and a flood phase (the same valid traffic while the
 * flood runs), and counts the statements of each through the counting JDBC driver.
 *
 * <p>Client addresses: each flood connection binds its source address to one of 127.0.1.0 to
 * 127.0.4.231 (Linux routes all of 127.0.0.0/8 to {@code lo}), sends its 100 keys and closes, so
 * the server sees 1,000 real peers in {@code getRemoteAddr()}; no forwarded-address header is
 * needed, and the container's own address handling is what is measured.
 *
 * <p>Options: {@code --rounds 3 --seconds 6 --warmup 5 --connections 8 --flooders 2 --addresses
 * 1000 --keys 100000}.
 */
public final class ForgedFloodRun {

    public static void main(String[] args) throws Exception {
        Map<String, Double> o =
                HttpLoadRun.options(
                        args,
                        Map.of(
                                "rounds", 3.0,
                                "seconds", 6.0,
                                "warmup", 5.0,
                                "connections", 8.0,
                                "flooders", 2.0,
                                "addresses", 1000.0,
                                "keys", 100_000.0));
        int rounds = o.get("rounds").intValue();
        double seconds = o.get("seconds");
        int connections = o.get("connections").intValue();
        int flooders = o.get("flooders").intValue();
        int addresses = o.get("addresses").intValue();
        int keysPerAddress = o.get("keys").intValue() / addresses;
        CountingDriver.register();
        Webapps webapps =
                new Webapps(
                        new Webapps.Database(
                                BenchDatabase.url(),
                                BenchDatabase.user(),
                                BenchDatabase.password()));
        System.out.println(
                f(
                        "Forged-key flood: %d rounds x (%.0f s quiet + flood of %d keys from %d"
                                + " addresses on %d connections at a time, beside %d valid"
                                + " connections); load average %s",
                        rounds,
                        seconds,
                        keysPerAddress * addresses,
                        addresses,
                        flooders,
                        connections,
                        Report.loadAverage()));
        try (BenchKeys keys = new BenchKeys(4);
                Started server = webapps.keyguard("defaults", Map.of())) {
            HttpLoadRun.check(server, keys.raw());
            for (int i = 0; i < 2; i++) {
                Flood warmUp = new Flood(server, 100, 100, flooders, 5);
                warmUp.start();
                Load.run(o.get("warmup"), HttpLoadRun.clients(server, keys.raw(), connections));
                warmUp.join();
            }
            StatementCounts counts = CountingDriver.counts(server.tag());
            List<Load.Result> quiet = new ArrayList<>();
            List<Load.Result> flooded = new ArrayList<>();
            System.out.println(
                    "\nround phase  valid req/s  p50 us  p99 us  p99.9 us  flood keys  401s"
                            + "  other  flood s  key SELECTs  other statements  load");
            for (int round = 0; round < rounds; round++) {
                StatementCounts.Snapshot start = counts.snapshot();
                Load.Result calm =
                        Load.run(seconds, HttpLoadRun.clients(server, keys.raw(), connections))
                                .get(0);
                StatementCounts.Snapshot middle = counts.snapshot();
                Flood flood = new Flood(server, addresses, keysPerAddress, flooders, 1);
                long floodStart = System.nanoTime();
                flood.start();
                // Valid traffic for as long as the flood lasts, in slices of a second.
                Histogram valid = new Histogram(60_000_000L, 3);
                Load.Result both = null;
                while (!flood.done()) {
                    Load.Result slice =
                            Load.run(1, HttpLoadRun.clients(server, keys.raw(), connections))
                                    .get(0);
                    valid.add(slice.latencyMicros);
                    both = merge(both, slice);
                }
                flood.join();
                double floodSeconds = (System.nanoTime() - floodStart) / 1e9;
                StatementCounts.Snapshot end = counts.snapshot();
                quiet.add(calm);
                flooded.add(both);
                print(round, "quiet", calm, null, 0, middle.minus(start));
                print(round, "flood", both, flood, floodSeconds, end.minus(middle));
            }
            Histogram q = new Histogram(60_000_000L, 3);
            Histogram fl = new Histogram(60_000_000L, 3);
            quiet.forEach(r -> q.add(r.latencyMicros));
            flooded.forEach(r -> fl.add(r.latencyMicros));
            double[] ratios = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                ratios[i] =
                        (double) flooded.get(i).latencyMicros.getValueAtPercentile(99)
                                / quiet.get(i).latencyMicros.getValueAtPercentile(99);
            }
            System.out.println(
                    f(
                            "\nAll rounds: valid p99 quiet %d us, flood %d us, ratio %.2f (median"
                                    + " of round ratios %.2f; target <= 1.2)",
                            q.getValueAtPercentile(99),
                            fl.getValueAtPercentile(99),
                            (double) fl.getValueAtPercentile(99) / q.getValueAtPercentile(99),
                            Report.median(ratios)));
        }
        System.out.println("Load average at the end: " + Report.loadAverage());
    }

    private static Load.Result merge(Load.Result into, Load.Result slice) {
        if (into == null) {
            return slice;
        }
        into.latencyMicros.add(slice.latencyMicros);
        for (int code = 0; code < 600; code++) {
            into.statuses.addAndGet(code, slice.statuses.get(code));
        }
        into.elapsedNanos += slice.elapsedNanos;
        return into;
    }

    private static void print(
            int round,
            String phase,
            Load.Result valid,
            Flood flood,
            double floodSeconds,
            StatementCounts.Snapshot statements) {
        String floodPart =
                flood == null
                        ? f("%10s %5s %6s %8s", "-", "-", "-", "-")
                        : f(
                                "%10d %5d %6d %8.1f",
                                flood.sent(),
                                flood.statuses.get(401),
                                flood.sent() - flood.statuses.get(401),
                                floodSeconds);
        System.out.println(
                f(
                        "%5d %-5s %11.0f %s  %s %12d %17d  %s",
                        round + 1,
                        phase,
                        valid.perSecond(),
                        Report.percentiles(valid.latencyMicros),
                        floodPart,
                        statements.selects(),
                        statements.total() - statements.selects(),
                        Report.loadAverage()));
        if (valid.requests() != valid.status(200)) {
            System.out.println(
                    f(
                            "      WARNING: %d of the valid requests were not answered 200",
                            valid.requests() - valid.status(200)));
        }
    }

    /**
     * {@code addresses} client addresses (127.0.1.0 on), each sending {@code perAddress} forged
     * keys on one connection, {@code parallel} addresses at a time.
     */
    private static final class Flood {
        private final Started server;
        private final int addresses;
        private final int perAddress;
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        final AtomicLongArray statuses = new AtomicLongArray(600);
        private final int parallel;
        private final int firstBlock;

        Flood(Started server, int addresses, int perAddress, int parallel, int firstBlock) {
            this.server = server;
            this.addresses = addresses;
            this.perAddress = perAddress;
            this.parallel = parallel;
            this.firstBlock = firstBlock;
        }

        void start() {
            for (int t = 0; t < parallel; t++) {
                Thread thread = new Thread(this::drive, "forged-flood-" + t);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        boolean done() {
            return finished.get() == parallel;
        }

        void join() throws InterruptedException {
            for (Thread thread : threads) {
                thread.join();
            }
        }

        long sent() {
            long sum = 0;
            for (int code = 0; code < 600; code++) {
                sum += statuses.get(code);
            }
            return sum;
        }

        private void drive() {
            try {
                for (int a = next.getAndIncrement(); a < addresses; a = next.getAndIncrement()) {
                    int host = firstBlock * 256 + a;
                    String from = "127.0." + (host / 256) + "." + (host % 256);
                    try (RawHttpConnection connection =
                            new RawHttpConnection(server.address(), from)) {
                        for (int k = 0; k < perAddress; k++) {
                            int status = connection.exchange(forged());
                            statuses.incrementAndGet(status >= 0 && status < 600 ? status : 0);
                        }
                    } catch (IOException e) {
                        statuses.incrementAndGet(0);
                    }
                }
            } finally {
                finished.incrementAndGet();
            }
        }

        private byte[] forged() {
            byte[] secret = new byte[32];
            ThreadLocalRandom.current().nextBytes(secret);
            return RawHttpConnection.get(
                    server.address(), Webapps.LEADS, "ll_" + HexFormat.of().formatHex(secret));
        }
    }
}
