package dev.keyguard.internal.usage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.LocalDate;

/**
 * One key's uses on one UTC day that are not written yet: a count and the latest second. The
 * recording threads add to it; the flusher takes off what it wrote, and seals it once it reads
 * zero, after which it counts nothing more ({@link #tryRecord} fails and the caller moves on to a
 * fresh entry). Thread-safe.
 *
 * <p>The count and the second are fields of the entry itself, updated through {@link VarHandle}s as
 * an {@code AtomicLong} would: a use touches one object, not three (a request meets them cold).
 *
 * <p>Sealed is a count of {@link Long#MIN_VALUE}: an increment of a sealed entry leaves it negative
 * and tells the caller, so recording is one atomic add, not a compare-and-set loop.
 */
final class UsageEntry {

    static final long SECONDS_PER_DAY = 86_400;

    private static final long SEALED = Long.MIN_VALUE;

    private final String keyId;
    private final long day;
    private static final VarHandle COUNT;
    private static final VarHandle LAST_SECOND;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            COUNT = lookup.findVarHandle(UsageEntry.class, "count", long.class);
            LAST_SECOND = lookup.findVarHandle(UsageEntry.class, "lastSecond", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Uses counted and not yet written; {@link #SEALED} and above once sealed. */
    private volatile long count;

    private volatile long lastSecond = Long.MIN_VALUE;

    private volatile long writtenSecond = Long.MIN_VALUE;

    UsageEntry(String keyId, long epochDay) {
        this.keyId = keyId;
        this.day = epochDay;
    }

    String keyId() {
        return keyId;
    }

    /** The day counted, as days since 1970-01-01. */
    long day() {
        return day;
    }

    LocalDate date() {
        return LocalDate.ofEpochDay(day);
    }

    /**
     * Counts one use at this epoch second.
     *
     * @return false if the entry is sealed: nothing was counted here
     */
    boolean tryRecord(long second) {
        // The second before the count: a flush that sees the count sees the second too.
        long last = lastSecond;
        while (second > last && !LAST_SECOND.compareAndSet(this, last, second)) {
            last = lastSecond;
        }
        return (long) COUNT.getAndAdd(this, 1L) >= 0;
    }

    /** Uses counted and not yet written; 0 once sealed. */
    long count() {
        return Math.max(0, count);
    }

    long lastSecond() {
        return lastSecond;
    }

    long writtenSecond() {
        return writtenSecond;
    }

    /** The flusher added {@code requests} of the count to the store. */
    void countsWritten(long requests) {
        if (requests > 0) {
            COUNT.getAndAdd(this, -requests);
        }
    }

    /** The flusher wrote the last use up to {@code second}. */
    void lastUseWritten(long second) {
        if (second > writtenSecond) {
            writtenSecond = second;
        }
    }

    /**
     * Seals it if nothing is left to write; true if it is sealed now. A use that raises the second
     * after the check counts after it too, so it either keeps the entry open or finds it sealed and
     * records itself on a fresh one.
     */
    boolean trySeal() {
        if (lastSecond > writtenSecond) {
            return false;
        }
        return COUNT.compareAndSet(this, 0L, SEALED) || isSealed();
    }

    boolean isSealed() {
        return count < 0;
    }
}
