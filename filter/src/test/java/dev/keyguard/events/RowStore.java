package dev.keyguard.events;

import dev.keyguard.Actor;
import dev.keyguard.store.KeyStore;
import dev.keyguard.store.StoredKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** The rows under the cache, changed by the test as other nodes would; counts look-ups. */
final class RowStore implements KeyStore {

    final Map<String, StoredKey> byHash = new ConcurrentHashMap<>();
    final AtomicInteger finds = new AtomicInteger();

    void put(StoredKey key) {
        byHash.put(key.hash(), key);
    }

    @Override
    public Optional<StoredKey> findByHash(String hash) {
        finds.incrementAndGet();
        return Optional.ofNullable(byHash.get(hash));
    }

    @Override
    public void insertWithinLimit(StoredKey key, int maxActive, Instant now, Actor actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StoredKey> listNotRevoked(String organisationId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<StoredKey> revoke(String organisationId, String keyId, Instant now,
            Actor actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<StoredKey> rotate(String organisationId, String keyId,
            UnaryOperator<StoredKey> replacementOf, Instant retireAt, int maxActive, Instant now,
            Actor actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsedByKeyId) {
    }

    @Override
    public void close() {
    }
}
