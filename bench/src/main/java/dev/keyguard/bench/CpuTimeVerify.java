package dev.keyguard.bench;

import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.internal.web.BearerAuthentication;
import dev.keyguard.testing.TestKeys;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * The three operations of {@link VerifyBenchmark}, and the filter's whole pipeline on a stub
 * request ({@link StubExchange}), timed by the thread's CPU time rather than the wall clock, and
 * interleaved in rounds. On a machine shared with other work a single-threaded JMH run is stretched
 * by every moment the scheduler gives the core to someone else; CPU time per call is not (only the
 * CPU caches that others dirty still show), and the interleaving treats the three alike. Prints the
 * median over the rounds of each. Options, in this order: {@code --rounds 15 --calls 1000000}.
 */
public final class CpuTimeVerify {

    public static void main(String[] args) {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int calls = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Keyguard keyguard =
                Keyguard.start(
                        KeyguardConfig.builder()
                                .jdbc(
                                        "jdbc:h2:mem:bench-"
                                                + UUID.randomUUID()
                                                + ";DB_CLOSE_DELAY=-1",
                                        "sa",
                                        "")
                                .lastUsedFlushInterval(Duration.ofHours(1))
                                .build())) {
            String valid =
                    keyguard.service()
                            .create(
                                    new KeyOwner("org-bench", new KeyUser("u", null, null, null)),
                                    "bench",
                                    null)
                            .rawKey();
            String unknown = TestKeys.unmintedFixed();
            BearerAuthentication filter = KeyguardInternals.pipeline(keyguard);
            String header = "Bearer " + valid;
            String[] names = {
                "verifyCachedValidKey",
                "verifyCachedUnknownKey",
                "sha256Only",
                "filterPipelineValidKey"
            };
            List<ToIntFunction<String>> operations =
                    List.of(
                            k -> keyguard.verify(valid).isPresent() ? 1 : 0,
                            k -> keyguard.verify(unknown).isPresent() ? 1 : 0,
                            k -> VerifyBenchmark.sha256(valid)[7],
                            k -> StubExchange.run(filter, header));
            long sink = 0;
            for (int warm = 0; warm < 5; warm++) {
                for (ToIntFunction<String> operation : operations) {
                    for (int i = 0; i < calls; i++) {
                        sink += operation.applyAsInt(null);
                    }
                }
            }
            double[][] cpu = new double[operations.size()][rounds];
            double[][] wall = new double[operations.size()][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < operations.size(); k++) {
                    int op = (round + k) % operations.size();
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long wall0 = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        sink += operations.get(op).applyAsInt(null);
                    }
                    wall[op][round] = (double) (System.nanoTime() - wall0) / calls;
                    cpu[op][round] = (double) (threads.getCurrentThreadCpuTime() - cpu0) / calls;
                }
            }
            System.out.printf(
                    Locale.ROOT, "%d rounds x %,d calls each, interleaved%n", rounds, calls);
            System.out.println(
                    "operation                  CPU ns/call (median, min)  wall ns/call"
                            + " (median)");
            for (int op = 0; op < operations.size(); op++) {
                System.out.printf(
                        Locale.ROOT,
                        "%-26s %10.0f %8.0f %14.0f%n",
                        names[op],
                        median(cpu[op]),
                        Arrays.stream(cpu[op]).min().orElse(0),
                        median(wall[op]));
            }
            System.out.printf(
                    Locale.ROOT,
                    "valid key / SHA-256 alone, CPU time: %.2f%n",
                    median(cpu[0]) / median(cpu[2]));
            System.out.println("(checksum " + sink + ")");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
