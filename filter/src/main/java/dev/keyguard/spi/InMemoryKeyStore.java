package dev.keyguard.spi;

import dev.keyguard.Actor;
import dev.keyguard.ApiKey;
import dev.keyguard.KeyEvent;
import dev.keyguard.KeyguardException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A {@link KeyStore} in this JVM's memory: for a host's own tests, a demo without a database, or a
 * single node that may lose its keys on restart. It keeps every rule of the SPI (events with each
 * change, the limit, rotation) and passes the same contract suite as the Hibernate store. Several
 * Keyguards in one JVM may share one, as nodes share a database; nodes in other processes cannot.
 * Event times come from the clock given. Thread-safe.
 *
 * <p>Design note. One lock, this object's monitor, serialises every change (it is also the
 * organisation lock that the limit needs) and every read but {@link #findByHash}. No operation
 * walks the whole store: each organisation's keys and its audit trail (kept sorted in the order it
 * is read in) have indexes of their own, and the log is read from the position asked for; only
 * {@link #prune}, hourly, looks at every event. {@link #findByHash}, on every cache miss, takes no
 * lock: it reads two concurrent maps, rows are immutable and each change of one is a single put,
 * and a row is in {@code byId} before its hash is in {@code idByHash}. Nothing is ever removed but
 * old events and old usage counts.
 */
public final class InMemoryKeyStore implements KeyStore {

    private static final Comparator<StoredKey> NEWEST_FIRST =
            Comparator.comparing((StoredKey k) -> k.key().createdAt())
                    .thenComparing(StoredKey::id)
                    .reversed();
    private static final Comparator<Event> AUDIT_ORDER =
            Comparator.comparing(Event::occurredAt)
                    .thenComparing(Event::keyId)
                    .thenComparing(e -> e.type().code())
                    .reversed();

    private final Clock clock;
    // Read by findByHash without the lock; written under it, as everything below.
    private final Map<String, StoredKey> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByHash = new ConcurrentHashMap<>();
    private final Map<String, List<String>> keyIdsByOrganisation = new HashMap<>();
    private final TreeMap<Long, Event> events = new TreeMap<>();
    private final Map<String, NavigableSet<Event>> auditTrails = new HashMap<>();
    private final Map<String, NavigableMap<LocalDate, Long>> usageByKeyId = new HashMap<>();
    private long lastEventId;

    /** A store whose events are timed by the system clock. */
    public InMemoryKeyStore() {
        this(Clock.systemUTC());
    }

    /** A store whose events are timed by {@code clock}. */
    public InMemoryKeyStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void insertWithinLimit(
            StoredKey key, int maxActive, Instant now, Actor actor) {
        if (countTowardLimit(key.organisationId(), now) >= maxActive) {
            throw KeyguardException.limitReached(maxActive);
        }
        put(key);
        append(key, KeyEvent.Type.CREATED, actor);
    }

    @Override
    public synchronized List<StoredKey> listNotRevoked(String organisationId) {
        return keysOf(organisationId)
                .filter(k -> k.revokedAt() == null)
                .sorted(NEWEST_FIRST)
                .toList();
    }

    @Override
    public Optional<StoredKey> findByHash(String hash) {
        return Optional.ofNullable(idByHash.get(hash)).map(byId::get);
    }

    @Override
    public synchronized Optional<StoredKey> revoke(
            String organisationId, String keyId, Instant now, Actor actor) {
        return notRevoked(organisationId, keyId)
                .map(
                        key -> {
                            StoredKey revoked = key.revoked(now);
                            byId.put(keyId, revoked);
                            append(revoked, KeyEvent.Type.REVOKED, actor);
                            return revoked;
                        });
    }

    @Override
    public synchronized Optional<StoredKey> rotate(
            String organisationId,
            String keyId,
            UnaryOperator<StoredKey> replacementOf,
            Instant retireAt,
            int maxActive,
            Instant now,
            Actor actor) {
        Optional<StoredKey> found = notRevoked(organisationId, keyId);
        if (found.isEmpty()) {
            return found;
        }
        StoredKey old = found.get();
        if (old.replacedBy() != null || !old.isActiveAt(now)) {
            throw KeyguardException.notRotatable();
        }
        // The old key counts now and stops counting below: one out, one in.
        if (countTowardLimit(organisationId, now) - 1 >= maxActive) {
            throw KeyguardException.limitReached(maxActive);
        }
        StoredKey replacement = replacementOf.apply(old);
        if (!replacement.organisationId().equals(organisationId)) {
            throw new IllegalArgumentException("A replacement must be of the same organisation");
        }
        put(replacement);
        ApiKey key = old.key();
        Instant expiry =
                key.expiresAt() == null || retireAt.isBefore(key.expiresAt())
                        ? retireAt
                        : key.expiresAt();
        StoredKey retiring =
                new StoredKey(key.withExpiresAt(expiry), old.hash(), null, replacement.id());
        byId.put(keyId, retiring);
        append(retiring, KeyEvent.Type.ROTATED, actor);
        append(replacement, KeyEvent.Type.CREATED, actor);
        return Optional.of(retiring);
    }

    @Override
    public synchronized void recordLastUsed(Map<String, Instant> lastUsedByKeyId) {
        lastUsedByKeyId.forEach(
                (id, usedAt) -> {
                    StoredKey stored = byId.get(id);
                    if (stored == null) {
                        return;
                    }
                    ApiKey key = stored.key();
                    if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(usedAt)) {
                        byId.put(
                                id,
                                new StoredKey(
                                        key.withLastUsedAt(usedAt),
                                        stored.hash(),
                                        stored.revokedAt(),
                                        stored.replacedBy()));
                    }
                });
    }

    @Override
    public synchronized void recordUsage(List<UsageCount> counts) {
        for (UsageCount count : counts) {
            usageByKeyId
                    .computeIfAbsent(count.keyId(), id -> new TreeMap<>())
                    .merge(count.day(), count.requests(), Long::sum);
        }
    }

    @Override
    public synchronized List<UsageCount> usage(
            String organisationId, String keyId, LocalDate from, LocalDate to) {
        StoredKey key = byId.get(keyId);
        NavigableMap<LocalDate, Long> days = usageByKeyId.get(keyId);
        if (key == null || !key.organisationId().equals(organisationId) || days == null) {
            return List.of();
        }
        return days.subMap(from, true, to, true).entrySet().stream()
                .map(day -> new UsageCount(keyId, day.getKey(), day.getValue()))
                .toList();
    }

    @Override
    public synchronized int purgeUsage(LocalDate before) {
        int deleted = 0;
        for (NavigableMap<LocalDate, Long> days : usageByKeyId.values()) {
            Map<LocalDate, Long> old = days.headMap(before, false);
            deleted += old.size();
            old.clear();
        }
        usageByKeyId.values().removeIf(Map::isEmpty);
        return deleted;
    }

    @Override
    public synchronized Bounds bounds() {
        return events.isEmpty()
                ? new Bounds(0, 0)
                : new Bounds(events.firstKey(), events.lastKey());
    }

    @Override
    public synchronized Set<Long> idsBetween(long afterId, long upToId) {
        return afterId >= upToId
                ? Set.of()
                : Set.copyOf(events.subMap(afterId, false, upToId, true).keySet());
    }

    @Override
    public synchronized List<FeedEvent> read(long afterId, Collection<Long> alsoIds, int limit) {
        // Every id up to afterId comes before every id above it: the ids asked for again, then
        // the log after afterId.
        Stream<Event> again =
                alsoIds.stream()
                        .filter(id -> id <= afterId)
                        .distinct()
                        .sorted()
                        .map(events::get)
                        .filter(Objects::nonNull);
        Stream<Event> after = events.tailMap(afterId, false).values().stream();
        return Stream.concat(again, after)
                .limit(limit)
                .map(e -> new FeedEvent(e.id(), e.type(), e.keyId(), byId.get(e.keyId())))
                .toList();
    }

    @Override
    public synchronized int prune(Duration retention) {
        if (events.isEmpty()) {
            return 0;
        }
        Instant before = clock.instant().minus(retention);
        int deleted = 0;
        // Every event but the newest: times follow ids only while the clock never steps back, so
        // the walk cannot stop at the first recent one.
        Iterator<Event> older = events.headMap(events.lastKey(), false).values().iterator();
        while (older.hasNext()) {
            Event event = older.next();
            if (event.occurredAt().isBefore(before)) {
                older.remove();
                auditTrails.get(event.organisationId()).remove(event);
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public synchronized List<KeyEvent> newestFirst(
            String organisationId, AuditPosition olderThan, int limit) {
        NavigableSet<Event> trail = auditTrails.get(organisationId);
        if (trail == null) {
            return List.of();
        }
        if (olderThan != null) {
            trail =
                    trail.tailSet(
                            new Event(
                                    0,
                                    olderThan.keyId(),
                                    organisationId,
                                    olderThan.type(),
                                    Actor.operator(),
                                    olderThan.occurredAt()),
                            false);
        }
        return trail.stream()
                .limit(limit)
                .map(
                        e -> {
                            ApiKey key = byId.get(e.keyId()).key();
                            return new KeyEvent(
                                    e.type(),
                                    e.keyId(),
                                    key.name(),
                                    key.keyPrefix(),
                                    e.actor(),
                                    e.occurredAt());
                        })
                .toList();
    }

    /** Nothing to release. */
    @Override
    public void close() {}

    private long countTowardLimit(String organisationId, Instant now) {
        return keysOf(organisationId).filter(k -> k.countsTowardLimitAt(now)).count();
    }

    private Stream<StoredKey> keysOf(String organisationId) {
        return keyIdsByOrganisation.getOrDefault(organisationId, List.of()).stream().map(byId::get);
    }

    private Optional<StoredKey> notRevoked(String organisationId, String keyId) {
        return Optional.ofNullable(byId.get(keyId))
                .filter(k -> k.organisationId().equals(organisationId) && k.revokedAt() == null);
    }

    /**
     * Refuses a taken id or hash as the Hibernate store does: only a broken random source or a bug
     * makes one, and the message must not quote the hash.
     */
    private void put(StoredKey key) {
        if (byId.containsKey(key.id()) || idByHash.containsKey(key.hash())) {
            throw KeyguardException.unavailable(
                    new IllegalStateException("a key's id or hash is already taken"));
        }
        byId.put(key.id(), key);
        idByHash.put(key.hash(), key.id());
        keyIdsByOrganisation
                .computeIfAbsent(key.organisationId(), o -> new ArrayList<>())
                .add(key.id());
    }

    /**
     * Appends to the log and to the organisation's audit trail, where no two events are equal in
     * {@link #AUDIT_ORDER}: a key has at most one event of each type.
     */
    private void append(StoredKey key, KeyEvent.Type type, Actor actor) {
        lastEventId++;
        Event event =
                new Event(
                        lastEventId,
                        key.id(),
                        key.organisationId(),
                        type,
                        actor,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS));
        events.put(event.id(), event);
        auditTrails
                .computeIfAbsent(key.organisationId(), o -> new TreeSet<>(AUDIT_ORDER))
                .add(event);
    }

    private record Event(
            long id,
            String keyId,
            String organisationId,
            KeyEvent.Type type,
            Actor actor,
            Instant occurredAt) {}
}
