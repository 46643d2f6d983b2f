package dev.keyguard.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.keyguard.Actor;
import dev.keyguard.KeyEvent;
import dev.keyguard.KeyguardException;
import dev.keyguard.internal.failure.Failures;
import dev.keyguard.internal.key.KeyDigest;
import dev.keyguard.internal.observe.Counts;
import dev.keyguard.internal.observe.Counts.Lookup;
import dev.keyguard.spi.FeedEvent;
import dev.keyguard.spi.KeyStore;
import dev.keyguard.spi.StoredKey;
import dev.keyguard.spi.UsageCount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KeyStore} that remembers {@link #findByDigest} answers, found or not, in a bounded
 * Caffeine cache keyed by the key's SHA-256 ({@link KeyDigest}); every other call goes straight to
 * the store underneath. Being in front of every store, it also turns any failure of one that is not
 * a {@code KeyguardException} into {@code UNAVAILABLE} ({@link
 * dev.keyguard.internal.failure.Failures#storeCall}), so that a host's store that throws its own
 * exceptions still gives a 503, never a 500. Thread-safe.
 *
 * <p>Design note. An unknown or revoked key is cached like a valid one, so a client hammering with
 * a bad key costs no query per request; both are permanent answers (a new key's hash cannot have
 * been asked for before it existed, and revocation is for ever). Changes made on other nodes arrive
 * through the key-event feed ({@code dev.keyguard.internal.events}), which calls {@link #restrict},
 * {@link #dropIfAbsent}, {@link #invalidate} and {@link #invalidateAll}. As a bound for changes no
 * event announces, a valid key is re-checked against the store once it is older than the {@link
 * Revalidation} age (sooner while the feed is behind); while one request re-checks, concurrent ones
 * keep the cached answer. If that re-check finds the store down, the cached key keeps working until
 * the store's last answer is {@code ttl} old: "could not check" does not lock out clients the node
 * already knows, and does not extend their time either.
 *
 * <p>Expiry. An answer remembers when the store last gave it ({@link CachedAnswer#confirmedAt}), so
 * that the writes of failed re-checks cannot stretch its life, and a look-up uses it only while it
 * is younger than {@code ttl}: one clock read per hit, which the revalidation needs anyway.
 * Caffeine only bounds the size; its own expiry would read the clock a second time on every hit (a
 * tenth of a hit's cost, bench: VerifyPartsBenchmark). Answers past the {@code ttl} that no look-up
 * replaced are removed by {@link #removeStaleIfDue}, once a {@code ttl}. A key's own {@code
 * expiresAt} is checked by the service on every hit; an expired key stays cached as what it is, a
 * permanent "no".
 *
 * <p>Races with loads. A load that read the store before a change may finish after the change
 * reached the cache. Two rules keep its stale answer out: (1) answers are merged with {@link
 * CachedAnswer#orMoreRestrictive}, so a revoked entry (a tombstone) or an earlier expiry is never
 * replaced by an older, more generous answer, even one read from a lagging replica; (2) each
 * invalidation bumps a generation counter for the hash (striped), and a load that sees the counter
 * moved while it ran answers its caller but caches nothing.
 */
public final class CachingKeyStore implements KeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(CachingKeyStore.class);
    private static final int STRIPES = 64;

    private final KeyStore delegate;
    private final Cache<KeyDigest, CachedAnswer> cache;
    private final long ttlNanos;
    private final Ticker ticker;
    private final Clock clock;
    private final Revalidation revalidation;
    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);

    /** When {@link #removeStaleIfDue} last removed anything, by {@code ticker}. */
    private long staleRemovedAt;

    private final Counts counts;

    /** Kinds of foreign failure already logged at WARN: said once per kind, not per request. */
    private final Set<String> warnedFailures = ConcurrentHashMap.newKeySet();

    /**
     * A cache that re-checks valid keys after a fixed age, with no event feed to follow.
     *
     * @param delegate the store that holds the truth
     * @param maximumSize most entries held
     * @param ttl longest an answer is used after the store gave it
     * @param revalidateAfter age after which a valid key is checked against the store again
     * @param clock the clock that keys' {@code expiresAt} is compared with
     * @param ticker the cache's time source
     * @param executor where Caffeine runs its maintenance
     */
    public CachingKeyStore(
            KeyStore delegate,
            long maximumSize,
            Duration ttl,
            Duration revalidateAfter,
            Clock clock,
            Ticker ticker,
            Executor executor) {
        this(
                delegate,
                maximumSize,
                ttl,
                Revalidation.every(revalidateAfter),
                clock,
                ticker,
                executor);
    }

    /** As above, with the re-check age depending on the event feed. */
    public CachingKeyStore(
            KeyStore delegate,
            long maximumSize,
            Duration ttl,
            Revalidation revalidation,
            Clock clock,
            Ticker ticker,
            Executor executor) {
        this(delegate, maximumSize, ttl, revalidation, clock, ticker, executor, null);
    }

    /**
     * As above, counted for metrics: with {@code counts}, the cache keeps Caffeine's statistics
     * (hits, misses, evictions) and every store look-up is timed into {@code counts}.
     *
     * @param counts where look-ups are counted, or {@code null} to count nothing
     */
    public CachingKeyStore(
            KeyStore delegate,
            long maximumSize,
            Duration ttl,
            Revalidation revalidation,
            Clock clock,
            Ticker ticker,
            Executor executor,
            Counts counts) {
        this.delegate = delegate;
        this.ticker = ticker;
        this.clock = clock;
        this.revalidation = revalidation;
        this.ttlNanos = ttl.toNanos();
        this.staleRemovedAt = ticker.read();
        this.counts = counts;
        Caffeine<Object, Object> builder =
                Caffeine.newBuilder().maximumSize(maximumSize).executor(executor);
        this.cache = counts != null ? builder.recordStats().build() : builder.build();
    }

    /** As {@link #answer}; no key has a hash that is not 64 hex characters. */
    @Override
    public Optional<StoredKey> findByHash(String hash) {
        return KeyDigest.isHex(hash) ? answer(KeyDigest.fromHex(hash)).key() : Optional.empty();
    }

    /** The cached answer for a key's digest, else the store's (which is then cached). */
    public CachedAnswer answer(KeyDigest digest) {
        CachedAnswer cached = answerIfCached(digest);
        return cached != null ? cached : load(digest, null, ticker.read());
    }

    /**
     * As {@link #answer}, but {@code null} where that would ask the store for a key the cache holds
     * no answer for (never seen, evicted, or past its {@code ttl}), so that the caller can decide
     * whether that look-up may happen. A cached valid key due for its re-check is re-checked as by
     * {@link #answer}: it has an answer, and keeps it if the store is down.
     *
     * @return the answer, or {@code null} if only the store has one
     */
    public CachedAnswer answerIfCached(KeyDigest digest) {
        CachedAnswer cached = cache.getIfPresent(digest);
        long now = ticker.read();
        if (cached == null || now - cached.confirmedAt() >= ttlNanos) {
            return null;
        }
        if (!cached.needsRevalidation(now, revalidation, clock)) {
            return cached;
        }
        // One thread re-checks; the others keep the cached answer for that round trip.
        if (!cache.asMap().replace(digest, cached, cached.retriedAt(now))) {
            return cached;
        }
        return load(digest, cached, now);
    }

    private CachedAnswer load(KeyDigest digest, CachedAnswer stale, long now) {
        long generation = generations.get(stripe(digest));
        Optional<StoredKey> fresh;
        long startedAt = counts != null ? System.nanoTime() : 0;
        try {
            fresh = call(() -> delegate.findByHash(digest.hex()));
            if (counts != null) {
                counts.lookedUp(
                        fresh.isPresent() ? Lookup.FOUND : Lookup.ABSENT,
                        System.nanoTime() - startedAt);
            }
        } catch (KeyguardException e) {
            if (counts != null) {
                counts.lookedUp(Lookup.FAILED, System.nanoTime() - startedAt);
            }
            if (e.reason() != KeyguardException.Reason.UNAVAILABLE
                    || stale == null
                    || stale.key().isEmpty()) {
                throw e;
            }
            LOG.debug(
                    "Key store unavailable; key {} served from the cache",
                    stale.key().get().key().keyPrefix());
            cache.asMap().computeIfPresent(digest, (d, current) -> current.retriedAt(now));
            return stale;
        }
        CachedAnswer answer = CachedAnswer.confirmed(fresh, now);
        if (generations.get(stripe(digest)) != generation) {
            return answer; // invalidated while loading: this answer may predate the change
        }
        return cache.asMap().merge(digest, answer, CachedAnswer::orMoreRestrictive);
    }

    @Override
    public void insertWithinLimit(StoredKey key, int maxActive, Instant now, Actor actor) {
        run(() -> delegate.insertWithinLimit(key, maxActive, now, actor));
        invalidate(key.hash());
    }

    @Override
    public List<StoredKey> listNotRevoked(String organisationId) {
        return call(() -> delegate.listNotRevoked(organisationId));
    }

    /** Revokes in the store, then makes this node refuse the key from the next request on. */
    @Override
    public Optional<StoredKey> revoke(
            String organisationId, String keyId, Instant now, Actor actor) {
        Optional<StoredKey> revoked =
                call(() -> delegate.revoke(organisationId, keyId, now, actor));
        revoked.ifPresent(
                stored -> restrict(stored.revokedAt() != null ? stored : stored.revoked(now)));
        return revoked;
    }

    /** Rotates in the store, then gives this node the old key's new, earlier expiry at once. */
    @Override
    public Optional<StoredKey> rotate(
            String organisationId,
            String keyId,
            UnaryOperator<StoredKey> replacementOf,
            Instant retireAt,
            int maxActive,
            Instant now,
            Actor actor) {
        Optional<StoredKey> retiring =
                call(
                        () ->
                                delegate.rotate(
                                        organisationId,
                                        keyId,
                                        replacementOf,
                                        retireAt,
                                        maxActive,
                                        now,
                                        actor));
        retiring.ifPresent(this::restrict);
        return retiring;
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsedByKeyId) {
        run(() -> delegate.recordLastUsed(lastUsedByKeyId));
    }

    @Override
    public void recordUsage(List<UsageCount> counts) {
        run(() -> delegate.recordUsage(counts));
    }

    @Override
    public List<UsageCount> usage(
            String organisationId, String keyId, LocalDate from, LocalDate to) {
        return call(() -> delegate.usage(organisationId, keyId, from, to));
    }

    @Override
    public int purgeUsage(LocalDate before) {
        return call(() -> delegate.purgeUsage(before));
    }

    /**
     * Takes a key's row as the store holds it now, after a change that only ever takes access away
     * (revocation, rotation): cached, even if the key was not, so that a load racing with the
     * change, or reading a lagging replica, cannot bring back the more generous answer.
     */
    public void restrict(StoredKey current) {
        KeyDigest digest = KeyDigest.fromHex(current.hash());
        generations.incrementAndGet(stripe(digest));
        cache.asMap()
                .merge(
                        digest,
                        CachedAnswer.confirmed(Optional.of(current), ticker.read()),
                        CachedAnswer::orMoreRestrictive);
    }

    /**
     * A key with this hash now exists: drops a cached "no such key" for it, if any. A valid answer
     * cached since the key was created is already right and stays.
     */
    public void dropIfAbsent(String hash) {
        cache.asMap()
                .computeIfPresent(
                        KeyDigest.fromHex(hash),
                        (digest, answer) -> answer.key().isEmpty() ? null : answer);
    }

    /** Drops the answer for a hash; the next request asks the store. */
    public void invalidate(String hash) {
        KeyDigest digest = KeyDigest.fromHex(hash);
        generations.incrementAndGet(stripe(digest));
        cache.invalidate(digest);
    }

    /** Drops every cached answer; loads running meanwhile cache nothing. */
    public void invalidateAll() {
        for (int i = 0; i < STRIPES; i++) {
            generations.incrementAndGet(i);
        }
        cache.invalidateAll();
    }

    /**
     * Removes the answers no look-up may use any more (older than the {@code ttl}), if it has not
     * done so for a {@code ttl}: what keeps answers nobody asks for again from holding memory until
     * the size bound pushes them out. For one housekeeping thread (the key-event follower's); it
     * walks the whole cache, and removes an answer only if it is still the one it found stale.
     */
    public void removeStaleIfDue() {
        long now = ticker.read();
        if (now - staleRemovedAt < ttlNanos) {
            return;
        }
        staleRemovedAt = now;
        cache.asMap()
                .entrySet()
                .removeIf(entry -> now - entry.getValue().confirmedAt() >= ttlNanos);
    }

    /** Entries held now, for tests and metrics. */
    public long estimatedSize() {
        return cache.estimatedSize();
    }

    /**
     * The Caffeine cache itself, for its Micrometer binder; it records statistics only when this
     * store was made with counts. Nothing else may touch it.
     */
    public Cache<?, ?> caffeine() {
        return cache;
    }

    /** Runs pending maintenance (eviction) now; for tests. */
    public void cleanUp() {
        cache.cleanUp();
    }

    @Override
    public Bounds bounds() {
        return call(() -> delegate.bounds());
    }

    @Override
    public Set<Long> idsBetween(long afterId, long upToId) {
        return call(() -> delegate.idsBetween(afterId, upToId));
    }

    @Override
    public List<FeedEvent> read(long afterId, Collection<Long> alsoIds, int limit) {
        return call(() -> delegate.read(afterId, alsoIds, limit));
    }

    @Override
    public int prune(Duration retention) {
        return call(() -> delegate.prune(retention));
    }

    @Override
    public List<KeyEvent> newestFirst(String organisationId, AuditPosition olderThan, int limit) {
        return call(() -> delegate.newestFirst(organisationId, olderThan, limit));
    }

    /** Forgets every answer; the store underneath is its owner's to close. */
    @Override
    public void close() {
        cache.invalidateAll();
    }

    private <T> T call(Supplier<T> work) {
        return Failures.storeCall(work, this::warnOnce);
    }

    private void run(Runnable work) {
        Failures.storeRun(work, this::warnOnce);
    }

    /**
     * A store that throws something other than {@code KeyguardException} has a bug or an outage of
     * its own; the request gets a 503 either way, so the log is where the operator learns which.
     * Class and SQLSTATE only: a message could quote a hash.
     */
    private void warnOnce(RuntimeException e) {
        String kind = Failures.describe(e);
        if (warnedFailures.add(kind)) {
            LOG.warn(
                    "Keyguard's key store failed with {}; answered as unavailable (said once for"
                            + " this kind of failure)",
                    kind);
        } else {
            LOG.debug("Keyguard's key store failed with {}", kind);
        }
    }

    private static int stripe(KeyDigest digest) {
        return digest.hashCode() & (STRIPES - 1);
    }
}
