package dev.keyguard.internal.events;

import dev.keyguard.KeyEvent;
import dev.keyguard.KeyguardException;
import dev.keyguard.spi.FeedEvent;
import dev.keyguard.spi.KeyEventLog;
import dev.keyguard.spi.StoredKey;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A key-event log in memory with the database's awkward habits: ids are taken before they become
 * visible ({@link #take}, {@link #commit}), may never become visible ({@link #rollBack}), can be
 * pruned, and the log can be taken down.
 */
final class FakeEventLog implements KeyEventLog {

    private final AtomicLong sequence = new AtomicLong();
    private final TreeMap<Long, FeedEvent> visible = new TreeMap<>();
    volatile boolean down;

    /** Takes an id for an event that is not visible until committed. */
    synchronized long take() {
        return sequence.incrementAndGet();
    }

    synchronized void commit(long id, KeyEvent.Type type, StoredKey key) {
        visible.put(id, new FeedEvent(id, type, key == null ? "gone" : key.id(), key));
    }

    void rollBack(long id) {
        // the id is never seen
    }

    /** Takes an id and commits at once. */
    synchronized long append(KeyEvent.Type type, StoredKey key) {
        long id = take();
        commit(id, type, key);
        return id;
    }

    synchronized void pruneUpTo(long id) {
        visible.headMap(id, true).clear();
    }

    synchronized void clear() {
        visible.clear();
    }

    @Override
    public synchronized Bounds bounds() {
        check();
        return visible.isEmpty()
                ? new Bounds(0, 0)
                : new Bounds(visible.firstKey(), visible.lastKey());
    }

    @Override
    public synchronized Set<Long> idsBetween(long afterId, long upToId) {
        check();
        return Set.copyOf(visible.subMap(afterId, false, upToId, true).keySet());
    }

    @Override
    public synchronized List<FeedEvent> read(long afterId, Collection<Long> alsoIds, int limit) {
        check();
        return visible.values().stream()
                .filter(e -> e.id() > afterId || alsoIds.contains(e.id()))
                .limit(limit)
                .collect(Collectors.toList());
    }

    @Override
    public int prune(Duration retention) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<KeyEvent> newestFirst(String organisationId, AuditPosition olderThan, int limit) {
        throw new UnsupportedOperationException();
    }

    private void check() {
        if (down) {
            throw KeyguardException.unavailable(new IllegalStateException("down (test)"));
        }
    }
}
