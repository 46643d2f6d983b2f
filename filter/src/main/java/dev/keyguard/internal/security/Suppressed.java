package dev.keyguard.internal.security;

import dev.keyguard.internal.observe.Outcome;

/**
 * The security log's lines left out by its rate limit, counted by event and outcome until the
 * summary takes them. Thread-safe.
 */
final class Suppressed {

    private static final Outcome[] OUTCOMES = Outcome.values();

    /** The slot of {@code key.throttled} (a throttle started), after the outcomes'. */
    private static final int THROTTLE_STARTED = OUTCOMES.length;

    private final long intervalNanos;
    private final long[] counts = new long[OUTCOMES.length + 1];
    private long total;

    /** Ticker time of the first line left out since the last summary. */
    private long since;

    /** Whether anything waits for a summary: read without the lock on every event. */
    private volatile boolean any;

    Suppressed(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /**
     * Counts one line left out.
     *
     * @param outcome the refusal's outcome; {@code null} for a throttle that started
     */
    synchronized void count(Outcome outcome, long now) {
        if (total == 0) {
            since = now;
        }
        counts[outcome == null ? THROTTLE_STARTED : outcome.ordinal()]++;
        total++;
        any = true;
    }

    boolean any() {
        return any;
    }

    /**
     * The summary line, and the counts start again; {@code null} when nothing was left out, or
     * (unless {@code regardless}) the interval since the first line left out has not ended.
     */
    synchronized SecurityLine takeSummary(long now, boolean regardless) {
        if (total == 0 || (!regardless && now - since < intervalNanos)) {
            return null;
        }
        SecurityLine line =
                SecurityLine.of("log.suppressed")
                        .field("seconds", Math.max(0, (now - since) / 1_000_000_000L))
                        .field("total", total);
        for (Outcome outcome : OUTCOMES) {
            long count = counts[outcome.ordinal()];
            if (count > 0) {
                line.field(SecurityLog.eventOf(outcome) + "/" + outcome.tag(), count);
            }
        }
        if (counts[THROTTLE_STARTED] > 0) {
            line.field(SecurityLog.THROTTLED, counts[THROTTLE_STARTED]);
        }
        java.util.Arrays.fill(counts, 0);
        total = 0;
        any = false;
        return line;
    }
}
