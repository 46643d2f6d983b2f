package dev.keyguard.internal.usage;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One key's uses on one UTC day that are not written yet: a count and the latest second. The
 * recording threads add to it; the flusher takes off what it wrote, and seals it once it reads
 * zero, after which it counts nothing more ({@link #tryRecord} fails and the caller moves on to a
 * fresh entry). Thread-safe.
 *
 * <p>Sealed is a count of {@link Long#MIN_VALUE}: an increment of a sealed entry leaves it negative
 * and tells the caller, so recording is one atomic add, not a compare-and-set loop.
 */
final class UsageEntry {

    static final long SECONDS_PER_DAY = 86_400;

    private static final long SEALED = Long.MIN_VALUE;

    private final String keyId;
    private final long day;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong lastSecond = new AtomicLong(Long.MIN_VALUE);
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
        long last = lastSecond.get();
        while (second > last && !lastSecond.compareAndSet(last, second)) {
            last = lastSecond.get();
        }
        return count.getAndIncrement() >= 0;
    }

    /** Uses counted and not yet written; 0 once sealed. */
    long count() {
        return Math.max(0, count.get());
    }

    long lastSecond() {
        return lastSecond.get();
    }

    long writtenSecond() {
        return writtenSecond;
    }

    /** The flusher added {@code requests} of the count to the store. */
    void countsWritten(long requests) {
        if (requests > 0) {
            count.addAndGet(-requests);
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
        if (lastSecond.get() > writtenSecond) {
            return false;
        }
        return count.compareAndSet(0, SEALED) || isSealed();
    }

    boolean isSealed() {
        return count.get() < 0;
    }
}
