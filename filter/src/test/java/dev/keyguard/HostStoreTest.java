package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.KeyguardException.Reason;
import dev.keyguard.spi.FeedEvent;
import dev.keyguard.spi.InMemoryKeyStore;
import dev.keyguard.spi.KeyStore;
import dev.keyguard.spi.StoredKey;
import dev.keyguard.testing.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What Keyguard guarantees whatever store a host plugs in: the service hands out no key of another
 * organisation that a broken store returns (it cannot undo what such a store does to that key), its
 * own exceptions, and a working key it returns without an owner, become "could not check" (503),
 * never a 500, and Keyguard leaves the host's store open, also after a failed start.
 */
class HostStoreTest {

    private static final KeyOwner ACME = new KeyOwner("acme", new KeyUser("a", null, null, null));
    private static final KeyOwner GLOBEX =
            new KeyOwner("globex", new KeyUser("g", null, null, null));

    @Test
    void aStoreThatForgetsTheOrganisationLeaksNothingThroughTheService() {
        ForgetfulStore store = new ForgetfulStore();
        try (Keyguard keyguard = start(store)) {
            ApiKeyService service = keyguard.service();
            String acmeKey = service.create(ACME, "acme's", null).key().id();
            String globexKey = service.create(GLOBEX, "globex's", null).key().id();

            assertThat(service.list("acme")).extracting(ApiKey::id).containsExactly(acmeKey);
            assertReason(() -> service.rotate("acme", globexKey, Duration.ZERO), Reason.NOT_FOUND);
            assertThat(service.list("globex"))
                    .as("no key was minted for globex by acme's rotation")
                    .extracting(ApiKey::id)
                    .containsExactly(globexKey);
            // The store revokes globex's key by id alone; the service can only refuse to say so.
            assertReason(() -> service.revoke("acme", globexKey), Reason.NOT_FOUND);
            assertThat(service.list("acme")).extracting(ApiKey::id).containsExactly(acmeKey);
        }
    }

    @Test
    void anyExceptionOfAHostStoreIsUnavailableNeverAnUnexpectedFailure() {
        ForgetfulStore store = new ForgetfulStore();
        try (Keyguard keyguard = start(store)) {
            store.failing = true;

            assertReason(() -> keyguard.verify(TestKeys.unminted()), Reason.UNAVAILABLE);
            assertReason(() -> keyguard.service().list("acme"), Reason.UNAVAILABLE);
            assertReason(() -> keyguard.service().create(ACME, "n", null), Reason.UNAVAILABLE);
            assertReason(() -> keyguard.service().events("acme", null, null), Reason.UNAVAILABLE);
        }
    }

    @Test
    void aKeyTheStoreReturnsWithoutAnOwnerIsCouldNotCheckNeverAnUnexpectedFailure() {
        ForgetfulStore store = new ForgetfulStore();
        try (Keyguard keyguard = start(store)) {
            String working = keyguard.service().create(ACME, "working", null).rawKey();
            CreatedApiKey revoked = keyguard.service().create(ACME, "revoked", null);
            store.rows.revoke("acme", revoked.key().id(), Instant.now(), Actor.operator());
            store.losingOwners = true;

            assertReason(() -> keyguard.verify(working), Reason.UNAVAILABLE);
            assertThat(keyguard.verify(revoked.rawKey()))
                    .as("a revoked key is refused whatever else its row lacks")
                    .isEmpty();
        }
    }

    @Test
    void keyguardLeavesTheHostsStoreOpenAndWritesTheLastUsesIntoItFirst() {
        ForgetfulStore store = new ForgetfulStore();
        String rawKey;
        try (Keyguard keyguard = start(store)) {
            rawKey = keyguard.service().create(ACME, "n", null).rawKey();
            assertThat(keyguard.verify(rawKey)).isPresent();
        }

        assertThat(store.closed).isFalse();
        assertThat(store.listNotRevoked("acme").get(0).key().lastUsedAt())
                .as("flushed on close")
                .isNotNull();
    }

    @Test
    void aStartThatFailsStopsWhatItStartedAndLeavesTheStoreToTheHost() {
        ForgetfulStore store = new ForgetfulStore();
        store.boundsFailure = new StackOverflowError("test: the follower cannot start");

        assertThatThrownBy(() -> start(store)).isSameAs(store.boundsFailure);

        assertThat(store.closed).isFalse();
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("keyguard-last-used-flush-") && isAlive(name));
    }

    private static boolean isAlive(String threadName) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(threadName) && t.isAlive());
    }

    private static Keyguard start(KeyStore store) {
        return Keyguard.start(
                KeyguardConfig.builder()
                        .store(store)
                        .eventsPollInterval(Duration.ofHours(1))
                        .lastUsedFlushInterval(Duration.ofHours(1))
                        .build());
    }

    private static void assertReason(Runnable call, Reason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        KeyguardException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /**
     * A store with the bug every host store could have: it ignores the organisation it is given (it
     * looks keys up by id alone); and it can fail with exceptions of its own.
     */
    private static final class ForgetfulStore implements KeyStore {
        private final InMemoryKeyStore rows = new InMemoryKeyStore();
        private final Map<String, String> organisationOfKey = new ConcurrentHashMap<>();
        volatile boolean failing;
        volatile boolean losingOwners;
        volatile boolean closed;
        volatile Error boundsFailure;

        private String realOrganisation(String keyId, String given) {
            return organisationOfKey.getOrDefault(keyId, given);
        }

        private void check() {
            if (failing) {
                throw new IllegalStateException("the host's store is broken (test)");
            }
        }

        @Override
        public void insertWithinLimit(StoredKey key, int maxActive, Instant now, Actor actor) {
            check();
            rows.insertWithinLimit(key, maxActive, now, actor);
            organisationOfKey.put(key.id(), key.organisationId());
        }

        @Override
        public List<StoredKey> listNotRevoked(String organisationId) {
            check();
            return Set.copyOf(organisationOfKey.values()).stream()
                    .flatMap(org -> rows.listNotRevoked(org).stream())
                    .toList();
        }

        @Override
        public Optional<StoredKey> findByHash(String hash) {
            check();
            Optional<StoredKey> found = rows.findByHash(hash);
            return losingOwners ? found.map(ForgetfulStore::withoutOwner) : found;
        }

        private static StoredKey withoutOwner(StoredKey stored) {
            ApiKey key = stored.key();
            return new StoredKey(
                    new ApiKey(
                            key.id(),
                            key.name(),
                            key.keyPrefix(),
                            null,
                            key.createdAt(),
                            key.expiresAt(),
                            key.lastUsedAt(),
                            key.scopes(),
                            key.allowedIps()),
                    stored.hash(),
                    stored.revokedAt(),
                    stored.replacedBy());
        }

        @Override
        public Optional<StoredKey> revoke(
                String organisationId, String keyId, Instant now, Actor actor) {
            check();
            return rows.revoke(realOrganisation(keyId, organisationId), keyId, now, actor);
        }

        @Override
        public Optional<StoredKey> rotate(
                String organisationId,
                String keyId,
                UnaryOperator<StoredKey> replacementOf,
                Instant retireAt,
                int maxActive,
                Instant now,
                Actor actor) {
            check();
            return rows.rotate(
                    realOrganisation(keyId, organisationId),
                    keyId,
                    replacementOf,
                    retireAt,
                    maxActive,
                    now,
                    actor);
        }

        @Override
        public void recordLastUsed(Map<String, Instant> lastUsedByKeyId) {
            check();
            rows.recordLastUsed(lastUsedByKeyId);
        }

        @Override
        public Bounds bounds() {
            if (boundsFailure != null) {
                throw boundsFailure;
            }
            check();
            return rows.bounds();
        }

        @Override
        public Set<Long> idsBetween(long afterId, long upToId) {
            check();
            return rows.idsBetween(afterId, upToId);
        }

        @Override
        public List<FeedEvent> read(long afterId, Collection<Long> alsoIds, int limit) {
            check();
            return rows.read(afterId, alsoIds, limit);
        }

        @Override
        public int prune(Duration retention) {
            check();
            return rows.prune(retention);
        }

        @Override
        public List<KeyEvent> newestFirst(
                String organisationId, AuditPosition olderThan, int limit) {
            check();
            return rows.newestFirst(organisationId, olderThan, limit);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
