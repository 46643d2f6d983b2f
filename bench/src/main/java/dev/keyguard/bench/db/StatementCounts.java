package dev.keyguard.bench.db;

import java.util.concurrent.atomic.LongAdder;

/** Statements executed under one tag of {@link CountingDriver}. Thread-safe. */
public final class StatementCounts {

    private final LongAdder selects = new LongAdder();
    private final LongAdder lastUsedUpdates = new LongAdder();
    private final LongAdder others = new LongAdder();

    void record(String lowerCaseSql) {
        String sql = lowerCaseSql.strip();
        if (sql.startsWith("select") || sql.startsWith("with")) {
            selects.increment();
        } else if (sql.startsWith("update") && sql.contains("last_used_at")) {
            lastUsedUpdates.increment();
        } else {
            others.increment();
        }
    }

    /** The counts now; subtract two snapshots for the statements between them. */
    public Snapshot snapshot() {
        return new Snapshot(selects.sum(), lastUsedUpdates.sum(), others.sum());
    }

    /**
     * @param selects SELECT statements (key look-ups, re-checks)
     * @param lastUsedUpdates UPDATEs of {@code last_used_at}
     * @param others everything else (schema, seeding, session settings)
     */
    public record Snapshot(long selects, long lastUsedUpdates, long others) {
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(selects - earlier.selects,
                    lastUsedUpdates - earlier.lastUsedUpdates, others - earlier.others);
        }

        public long total() {
            return selects + lastUsedUpdates + others;
        }
    }
}
