package dev.keyguard.bench.db;

import java.util.concurrent.atomic.LongAdder;

/** Statements executed under one tag of {@link CountingDriver}. Thread-safe. */
public final class StatementCounts {

    private final LongAdder selects = new LongAdder();
    private final LongAdder feedReads = new LongAdder();
    private final LongAdder lastUsedUpdates = new LongAdder();
    private final LongAdder others = new LongAdder();

    void record(String lowerCaseSql) {
        String sql = lowerCaseSql.strip();
        if ((sql.startsWith("select") || sql.startsWith("with"))
                && sql.contains("keyguard_key_event")) {
            feedReads.increment();
        } else if (sql.startsWith("select") || sql.startsWith("with")) {
            selects.increment();
        } else if (sql.startsWith("update") && sql.contains("last_used_at")) {
            lastUsedUpdates.increment();
        } else {
            others.increment();
        }
    }

    /** The counts now; subtract two snapshots for the statements between them. */
    public Snapshot snapshot() {
        return new Snapshot(selects.sum(), feedReads.sum(), lastUsedUpdates.sum(), others.sum());
    }

    /**
     * @param selects SELECT statements other than {@code feedReads} (key look-ups, re-checks)
     * @param feedReads SELECTs of the key-event log (the follower's reads, one a poll interval)
     * @param lastUsedUpdates UPDATEs of {@code last_used_at}
     * @param others everything else (schema, seeding, session settings)
     */
    public record Snapshot(long selects, long feedReads, long lastUsedUpdates, long others) {
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(
                    selects - earlier.selects,
                    feedReads - earlier.feedReads,
                    lastUsedUpdates - earlier.lastUsedUpdates,
                    others - earlier.others);
        }

        public long total() {
            return selects + feedReads + lastUsedUpdates + others;
        }
    }
}
