package dev.keyguard.internal.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * How far a follower has read the log: the highest id seen, and the lower ids it skipped because
 * they were missing when it read past them (gaps). Not thread-safe: the follower's alone.
 *
 * <p>Design note. Ids are taken when an event is inserted but become visible at commit, so a
 * transaction holding a lower id can commit after the follower has read a higher one; a rolled-back
 * transaction leaves an id that never appears. A gap is therefore looked for again on every read
 * until it appears or has been missing for the gap time-out (then it was rolled back). At most
 * {@value #MAX_GAPS} gaps are kept, the highest ones; dropping one before its time-out means an
 * event could be missed, which {@link #takeUncertainty()} reports so the follower clears its cache.
 */
final class FeedPosition {

    static final int MAX_GAPS = 1000;

    private long lastId;

    /** Gap id to the ticker time it was first found missing. */
    private final TreeMap<Long, Long> gaps = new TreeMap<>();

    private boolean uncertain;

    private FeedPosition(long lastId) {
        this.lastId = lastId;
    }

    /**
     * A position at the log's high-water mark, with the ids of the window just below it that do not
     * exist (yet) as gaps: they may belong to transactions still running.
     *
     * @param present the ids that exist above {@code windowStart} up to {@code highWaterMark}
     */
    static FeedPosition at(long highWaterMark, long windowStart, Set<Long> present, long now) {
        FeedPosition position = new FeedPosition(highWaterMark);
        for (long id = Math.max(windowStart + 1, highWaterMark - MAX_GAPS + 1);
                id < highWaterMark;
                id++) {
            if (!present.contains(id)) {
                position.gaps.put(id, now);
            }
        }
        return position;
    }

    long lastId() {
        return lastId;
    }

    /** The gaps to look for again, lowest first. */
    List<Long> gapIds() {
        return new ArrayList<>(gaps.keySet());
    }

    int gapCount() {
        return gaps.size();
    }

    /** Records that the event with this id was read (the log returns ids in order). */
    void seen(long id, long now) {
        if (id <= lastId) {
            gaps.remove(id);
            return;
        }
        if (id - lastId - 1 > MAX_GAPS) {
            uncertain = true;
        }
        for (long missing = Math.max(lastId + 1, id - MAX_GAPS); missing < id; missing++) {
            gaps.put(missing, now);
        }
        lastId = id;
        while (gaps.size() > MAX_GAPS) {
            gaps.pollFirstEntry();
            uncertain = true;
        }
    }

    /**
     * Forgets the gaps missing for {@code timeoutNanos} or longer; call right after a successful
     * read, which is what proves them still missing.
     */
    void expireGaps(long now, long timeoutNanos) {
        gaps.values().removeIf(since -> now - since >= timeoutNanos);
    }

    /** Whether a gap was given up before its time-out since the last call. */
    boolean takeUncertainty() {
        boolean was = uncertain;
        uncertain = false;
        return was;
    }
}
