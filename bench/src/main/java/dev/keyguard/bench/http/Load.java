package dev.keyguard.bench.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop HTTP load: each connection has its own thread and sends its next request as soon as
 * the previous answer is read, for a fixed time and at most a fixed number of requests. Latency is
 * recorded per request in microseconds (HdrHistogram); being closed-loop, it is the service time
 * under saturation, without coordinated-omission correction, alike for every configuration.
 */
final class Load {

    /** Hard cap per connection and phase, besides the time limit. */
    static final long MAX_REQUESTS_PER_CONNECTION = 5_000_000;

    private static final int MAX_ERRORS = 1_000;

    private Load() {}

    /**
     * Clients that load one server in a phase.
     *
     * @param name for the report
     * @param server where to send
     * @param localAddress source address of the connections, or null for the default
     * @param connections how many connections (threads)
     * @param requests for connection {@code i}, what it sends next (called per request)
     */
    record Clients(
            String name,
            InetSocketAddress server,
            String localAddress,
            int connections,
            IntFunction<Supplier<byte[]>> requests) {}

    /** What one {@link Clients} saw in one phase. */
    static final class Result {
        final String name;
        final Histogram latencyMicros = new Histogram(60_000_000L, 3);
        final AtomicLongArray statuses = new AtomicLongArray(600);
        final AtomicLong sequence = new AtomicLong();
        final AtomicLong errors = new AtomicLong();

        /** Request number (from 1) and nanos after the phase start of the first 429; -1 if none. */
        volatile long first429Request = -1;

        volatile long first429Nanos = -1;
        long elapsedNanos;

        Result(String name) {
            this.name = name;
        }

        long requests() {
            return latencyMicros.getTotalCount();
        }

        double perSecond() {
            return requests() / (elapsedNanos / 1e9);
        }

        long status(int code) {
            return statuses.get(code);
        }
    }

    /** Runs all clients at once for {@code seconds}; returns one result per clients, in order. */
    static List<Result> run(double seconds, Clients... all) throws InterruptedException {
        List<Result> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        long[] window = new long[2];
        for (Clients clients : all) {
            Result result = new Result(clients.name());
            results.add(result);
            for (int i = 0; i < clients.connections(); i++) {
                Supplier<byte[]> requests = clients.requests().apply(i);
                Histogram own = new Histogram(60_000_000L, 3);
                Thread thread =
                        new Thread(
                                () -> {
                                    try {
                                        ready.await();
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                    drive(clients, requests, own, result, window[0], window[1]);
                                    synchronized (result) {
                                        result.latencyMicros.add(own);
                                    }
                                },
                                "load-" + clients.name() + "-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + (long) (seconds * 1e9);
        ready.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - window[0];
        for (Result result : results) {
            result.elapsedNanos = elapsed;
        }
        return results;
    }

    private static void drive(
            Clients clients,
            Supplier<byte[]> requests,
            Histogram histogram,
            Result result,
            long start,
            long deadline) {
        try (RawHttpConnection connection =
                new RawHttpConnection(clients.server(), clients.localAddress())) {
            for (long n = 0; n < MAX_REQUESTS_PER_CONNECTION; n++) {
                long before = System.nanoTime();
                if (before >= deadline) {
                    return;
                }
                byte[] request = requests.get();
                int status;
                try {
                    status = connection.exchange(request);
                } catch (IOException e) {
                    connection.disconnect();
                    if (result.errors.incrementAndGet() > MAX_ERRORS) {
                        return;
                    }
                    continue;
                }
                long after = System.nanoTime();
                histogram.recordValue(Math.max(1, (after - before) / 1_000));
                result.statuses.incrementAndGet(status < 600 && status >= 0 ? status : 0);
                long number = result.sequence.incrementAndGet();
                if (status == 429 && result.first429Request < 0) {
                    synchronized (result) {
                        if (result.first429Request < 0) {
                            result.first429Nanos = after - start;
                            result.first429Request = number;
                        }
                    }
                }
            }
        }
    }
}
