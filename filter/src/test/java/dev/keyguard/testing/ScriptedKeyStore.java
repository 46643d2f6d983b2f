package dev.keyguard.testing;

import dev.keyguard.Actor;
import dev.keyguard.ApiKey;
import dev.keyguard.KeyEvent;
import dev.keyguard.KeyguardException;
import dev.keyguard.spi.FeedEvent;
import dev.keyguard.spi.KeyStore;
import dev.keyguard.spi.StoredKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A store in a map, counting look-ups, that a test can take down and whose rows it changes
 * directly, as other nodes sharing the database would: the SPI seam under the cache. It keeps no
 * limit and no event log (the real {@link dev.keyguard.spi.InMemoryKeyStore} does).
 */
public final class ScriptedKeyStore implements KeyStore {

    public final Map<String, StoredKey> byHash = new ConcurrentHashMap<>();
    public final AtomicInteger finds = new AtomicInteger();
    public volatile boolean down;

    /** Runs inside the next look-up, after the row was read: to stage races. */
    public volatile Runnable duringNextFind;

    /** Puts a row as it now is in the database. */
    public void put(StoredKey key) {
        byHash.put(key.hash(), key);
    }

    @Override
    public void insertWithinLimit(StoredKey key, int maxActive, Instant now, Actor actor) {
        checkUp();
        byHash.put(key.hash(), key);
    }

    @Override
    public List<StoredKey> listNotRevoked(String organisationId) {
        checkUp();
        return byHash.values().stream().filter(k -> k.revokedAt() == null).toList();
    }

    @Override
    public Optional<StoredKey> findByHash(String hash) {
        checkUp();
        finds.incrementAndGet();
        Optional<StoredKey> row = Optional.ofNullable(byHash.get(hash));
        Runnable hook = duringNextFind;
        duringNextFind = null;
        if (hook != null) {
            hook.run();
        }
        return row;
    }

    @Override
    public Optional<StoredKey> revoke(
            String organisationId, String keyId, Instant now, Actor actor) {
        checkUp();
        for (StoredKey key : byHash.values()) {
            if (key.id().equals(keyId) && key.revokedAt() == null) {
                StoredKey revoked = key.revoked(now);
                byHash.put(key.hash(), revoked);
                return Optional.of(revoked);
            }
        }
        return Optional.empty();
    }

    /** Retires the key at {@code retireAt} and stores its replacement; no limit is checked. */
    @Override
    public Optional<StoredKey> rotate(
            String organisationId,
            String keyId,
            UnaryOperator<StoredKey> replacementOf,
            Instant retireAt,
            int maxActive,
            Instant now,
            Actor actor) {
        checkUp();
        for (StoredKey key : byHash.values()) {
            if (key.id().equals(keyId) && key.revokedAt() == null) {
                StoredKey replacement = replacementOf.apply(key);
                byHash.put(replacement.hash(), replacement);
                ApiKey old = key.key();
                StoredKey retiring =
                        new StoredKey(
                                new ApiKey(
                                        old.id(),
                                        old.name(),
                                        old.keyPrefix(),
                                        old.owner(),
                                        old.createdAt(),
                                        retireAt,
                                        old.lastUsedAt()),
                                key.hash(),
                                null,
                                replacement.id());
                byHash.put(key.hash(), retiring);
                return Optional.of(retiring);
            }
        }
        return Optional.empty();
    }

    /** Revokes behind the cache's back, as another node sharing the database would. */
    public void revokeElsewhere(String hash, Instant now) {
        byHash.put(hash, byHash.get(hash).revoked(now));
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsedByKeyId) {
        checkUp();
    }

    @Override
    public Bounds bounds() {
        checkUp();
        return new Bounds(0, 0);
    }

    @Override
    public Set<Long> idsBetween(long afterId, long upToId) {
        checkUp();
        return Set.of();
    }

    @Override
    public List<FeedEvent> read(long afterId, Collection<Long> alsoIds, int limit) {
        checkUp();
        return List.of();
    }

    @Override
    public int prune(Duration retention) {
        checkUp();
        return 0;
    }

    @Override
    public List<KeyEvent> newestFirst(String organisationId, AuditPosition olderThan, int limit) {
        checkUp();
        return List.of();
    }

    @Override
    public void close() {}

    private void checkUp() {
        if (down) {
            throw KeyguardException.unavailable(new IllegalStateException("down (test)"));
        }
    }
}
