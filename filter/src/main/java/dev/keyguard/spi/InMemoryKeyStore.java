package dev.keyguard.spi;

import dev.keyguard.Actor;
import dev.keyguard.ApiKey;
import dev.keyguard.KeyEvent;
import dev.keyguard.KeyguardException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A {@link KeyStore} in this JVM's memory: for a host's own tests, a demo without a database, or a
 * single node that may lose its keys on restart. It keeps every rule of the SPI (events with each
 * change, the limit, rotation) and passes the same contract suite as the Hibernate store; being one
 * process, it cannot be shared by several nodes. Event times come from the clock given.
 *
 * <p>One lock guards everything: each operation is a short walk over one organisation's keys.
 * Thread-safe.
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
    private final Map<String, StoredKey> byId = new HashMap<>();
    private final Map<String, String> idByHash = new HashMap<>();
    private final TreeMap<Long, Event> events = new TreeMap<>();
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
        return byId.values().stream()
                .filter(k -> k.organisationId().equals(organisationId) && k.revokedAt() == null)
                .sorted(NEWEST_FIRST)
                .toList();
    }

    @Override
    public synchronized Optional<StoredKey> findByHash(String hash) {
        return Optional.ofNullable(idByHash.get(hash)).map(byId::get);
    }

    @Override
    public synchronized Optional<StoredKey> revoke(
            String organisationId, String keyId, Instant now, Actor actor) {
        return notRevoked(organisationId, keyId)
                .map(
                        key -> {
                            StoredKey revoked = key.revokedAt(now);
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
                new StoredKey(
                        new ApiKey(
                                key.id(),
                                key.name(),
                                key.keyPrefix(),
                                key.owner(),
                                key.createdAt(),
                                expiry,
                                key.lastUsedAt()),
                        old.hash(),
                        null,
                        replacement.id());
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
                                        new ApiKey(
                                                key.id(),
                                                key.name(),
                                                key.keyPrefix(),
                                                key.owner(),
                                                key.createdAt(),
                                                key.expiresAt(),
                                                usedAt),
                                        stored.hash(),
                                        stored.revokedAt(),
                                        stored.replacedBy()));
                    }
                });
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
        List<FeedEvent> found = new ArrayList<>();
        for (Event event : events.values()) {
            if (found.size() == limit) {
                break;
            }
            if (event.id() > afterId || alsoIds.contains(event.id())) {
                found.add(
                        new FeedEvent(
                                event.id(), event.type(), event.keyId(), byId.get(event.keyId())));
            }
        }
        return found;
    }

    @Override
    public synchronized int prune(Duration retention) {
        if (events.isEmpty()) {
            return 0;
        }
        Instant before = clock.instant().minus(retention);
        long newest = events.lastKey();
        List<Long> old =
                events.values().stream()
                        .filter(e -> e.occurredAt().isBefore(before) && e.id() < newest)
                        .map(Event::id)
                        .toList();
        old.forEach(events::remove);
        return old.size();
    }

    @Override
    public synchronized List<KeyEvent> newestFirst(
            String organisationId, AuditPosition olderThan, int limit) {
        Event after =
                olderThan == null
                        ? null
                        : new Event(
                                0,
                                olderThan.keyId(),
                                organisationId,
                                olderThan.type(),
                                Actor.operator(),
                                olderThan.occurredAt());
        return events.values().stream()
                .filter(e -> e.organisationId().equals(organisationId))
                .filter(e -> after == null || AUDIT_ORDER.compare(e, after) > 0)
                .sorted(AUDIT_ORDER)
                .limit(limit)
                .map(
                        e -> {
                            StoredKey key = byId.get(e.keyId());
                            return new KeyEvent(
                                    e.type(),
                                    e.keyId(),
                                    key == null ? null : key.key().name(),
                                    key == null ? null : key.key().keyPrefix(),
                                    e.actor(),
                                    e.occurredAt());
                        })
                .collect(Collectors.toList());
    }

    /** Nothing to release. */
    @Override
    public void close() {}

    private long countTowardLimit(String organisationId, Instant now) {
        return byId.values().stream()
                .filter(
                        k ->
                                k.organisationId().equals(organisationId)
                                        && k.countsTowardLimitAt(now))
                .count();
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
    }

    private void append(StoredKey key, KeyEvent.Type type, Actor actor) {
        lastEventId++;
        events.put(
                lastEventId,
                new Event(
                        lastEventId,
                        key.id(),
                        key.organisationId(),
                        type,
                        actor,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    }

    private record Event(
            long id,
            String keyId,
            String organisationId,
            KeyEvent.Type type,
            Actor actor,
            Instant occurredAt) {}
}
