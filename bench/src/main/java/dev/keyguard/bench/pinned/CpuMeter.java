package dev.keyguard.bench.pinned;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The first filter of a context in {@link PinnedRun}'s mixed mode: adds up the CPU time of the
 * request thread spent in the rest of the chain (the guard and the servlet), and counts the
 * requests. With requests to every guard interleaved one by one, whatever slows the core slows all
 * guards alike, so the differences between their sums per request are what each guard adds, even on
 * a shared VM whose speed changes from second to second.
 */
final class CpuMeter implements Filter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LongAdder nanos = new LongAdder();
    private final LongAdder requests = new LongAdder();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = THREADS.getCurrentThreadCpuTime();
        try {
            chain.doFilter(request, response);
        } finally {
            nanos.add(THREADS.getCurrentThreadCpuTime() - start);
            requests.increment();
        }
    }

    /**
     * What metering a request costs by itself (two reads of the thread's CPU clock), as {@code
     * <nanoseconds> <requests>} over a million simulated requests, measured by the same clock.
     */
    static String selfCost() {
        int requests = 1_000_000;
        long sink = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < requests; i++) {
            long before = THREADS.getCurrentThreadCpuTime();
            sink += THREADS.getCurrentThreadCpuTime() - before;
        }
        long spent = THREADS.getCurrentThreadCpuTime() - start;
        return (sink == Long.MIN_VALUE ? spent + 1 : spent) + " " + requests;
    }

    /** {@code <nanoseconds> <requests>} since the last reset; resets if asked. */
    String read(boolean reset) {
        return reset
                ? nanos.sumThenReset() + " " + requests.sumThenReset()
                : nanos.sum() + " " + requests.sum();
    }
}
