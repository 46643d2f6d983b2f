package dev.keyguard.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.keyguard.KeyguardException;
import dev.keyguard.store.KeyStore;
import dev.keyguard.store.StoredKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KeyStore} that remembers {@link #findByHash} answers, found or not, in a bounded
 * Caffeine cache keyed by the key's hash; every other call goes straight to the store underneath.
 * Thread-safe.
 *
 * <p>Design note. An unknown or revoked key is cached like a valid one, so a client hammering with
 * a bad key costs no query per request; both are permanent answers (a new key's hash cannot have
 * been asked for before it existed, and revocation is for ever). A valid key is re-checked against
 * the store once it is older than {@code revalidateAfter}, which bounds how long a key revoked on
 * another node keeps working here (plus one store round trip: while one request re-checks,
 * concurrent ones keep the cached answer). If that re-check finds the store down, the cached key
 * keeps working until its entry expires ({@code ttl}, or the key's own {@code expiresAt} if
 * sooner): "could not check" does not lock out clients the node already knows. Revoking through
 * this store replaces the entry with the revoked key at once; a revoked entry is never overwritten
 * by an older, still-valid answer from a racing load.
 */
public final class CachingKeyStore implements KeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(CachingKeyStore.class);

    private final KeyStore delegate;
    private final Cache<String, CachedAnswer> cache;
    private final Ticker ticker;
    private final Clock clock;
    private final long revalidateAfterNanos;

    /**
     * @param delegate the store that holds the truth
     * @param maximumSize most entries held
     * @param ttl longest an entry lives
     * @param revalidateAfter age after which a valid key is checked against the store again
     * @param clock the clock that keys' {@code expiresAt} is compared with
     * @param ticker the cache's time source
     * @param executor where Caffeine runs its maintenance
     */
    public CachingKeyStore(KeyStore delegate, long maximumSize, Duration ttl,
            Duration revalidateAfter, Clock clock, Ticker ticker, Executor executor) {
        this.delegate = delegate;
        this.ticker = ticker;
        this.clock = clock;
        this.revalidateAfterNanos = revalidateAfter.toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(new AnswerExpiry(ttl, clock))
                .ticker(ticker)
                .executor(executor)
                .build();
    }

    @Override
    public Optional<StoredKey> findByHash(String hash) {
        CachedAnswer cached = cache.getIfPresent(hash);
        long now = ticker.read();
        if (cached == null) {
            return load(hash, null, now);
        }
        if (!cached.needsRevalidation(now, revalidateAfterNanos, clock)) {
            return cached.key();
        }
        // One thread re-checks; the others keep the cached answer for that round trip.
        if (!cache.asMap().replace(hash, cached, cached.retriedAt(now))) {
            return cached.key();
        }
        return load(hash, cached, now);
    }

    private Optional<StoredKey> load(String hash, CachedAnswer stale, long now) {
        Optional<StoredKey> fresh;
        try {
            fresh = delegate.findByHash(hash);
        } catch (KeyguardException e) {
            if (e.reason() != KeyguardException.Reason.UNAVAILABLE || stale == null
                    || stale.key().isEmpty()) {
                throw e;
            }
            LOG.debug("Key store unavailable; key {} served from the cache",
                    stale.key().get().key().keyPrefix());
            cache.asMap().computeIfPresent(hash, (h, current) -> current.retriedAt(now));
            return stale.key();
        }
        CachedAnswer answer = new CachedAnswer(fresh, now, true);
        return cache.asMap().merge(hash, answer, CachedAnswer::orMoreRestrictive).key();
    }

    @Override
    public void insertWithinLimit(StoredKey key, int maxActive, Instant now) {
        delegate.insertWithinLimit(key, maxActive, now);
        cache.invalidate(key.hash());
    }

    @Override
    public List<StoredKey> listNotRevoked(String organisationId) {
        return delegate.listNotRevoked(organisationId);
    }

    /** Revokes in the store, then makes this node refuse the key from the next request on. */
    @Override
    public Optional<StoredKey> revoke(String organisationId, String keyId, Instant now) {
        Optional<StoredKey> revoked = delegate.revoke(organisationId, keyId, now);
        revoked.ifPresent(stored -> {
            StoredKey tombstone = stored.revokedAt() != null ? stored
                    : new StoredKey(stored.key(), stored.hash(), now);
            cache.put(stored.hash(), new CachedAnswer(Optional.of(tombstone), ticker.read(), true));
        });
        return revoked;
    }

    /** Rotates in the store, then gives this node the old key's new, earlier expiry at once. */
    @Override
    public Optional<StoredKey> rotate(String organisationId, String keyId,
            UnaryOperator<StoredKey> replacementOf, Instant retireAt, int maxActive, Instant now) {
        Optional<StoredKey> retiring = delegate.rotate(organisationId, keyId, replacementOf,
                retireAt, maxActive, now);
        retiring.ifPresent(old -> cache.put(old.hash(),
                new CachedAnswer(Optional.of(old), ticker.read(), true)));
        return retiring;
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsedByKeyId) {
        delegate.recordLastUsed(lastUsedByKeyId);
    }

    /** Drops every cached answer. */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    /** Entries held now, for tests and metrics. */
    public long estimatedSize() {
        return cache.estimatedSize();
    }

    /** Runs pending maintenance (eviction) now; for tests. */
    public void cleanUp() {
        cache.cleanUp();
    }

    @Override
    public void close() {
        cache.invalidateAll();
        delegate.close();
    }
}
