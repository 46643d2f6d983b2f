package dev.keyguard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.keyguard.Actor;
import dev.keyguard.ApiKey;
import dev.keyguard.KeyEvent;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's event log as the follower reads it (the ids it looks at again included),
 * its audit trail in pages kept to one organisation, and its pruning by the store's clock: the
 * parts of the SPI that the contracts of {@code dev.keyguard} check on a database by SQL or do not
 * reach.
 */
class InMemoryKeyStoreTest {

    private static final KeyOwner OWNER = new KeyOwner("acme", new KeyUser("u", null, null, null));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final InMemoryKeyStore store = new InMemoryKeyStore(clock);

    private StoredKey insert(String id) {
        return insert(OWNER, id);
    }

    private StoredKey insert(KeyOwner owner, String id) {
        StoredKey key =
                StoredKey.of(
                        new ApiKey(id, "n", "ll_0000000000", owner, clock.instant(), null, null),
                        "hash-of-" + id);
        store.insertWithinLimit(key, 10, clock.instant(), Actor.operator());
        return key;
    }

    @Test
    void theFeedReadsEachChangeInIdOrderWithTheKeysRowAsItIsNow() {
        insert("k1");
        insert("k2");
        store.revoke("acme", "k1", clock.instant(), Actor.operator());

        List<FeedEvent> feed = store.read(0, List.of(), 10);

        assertThat(feed)
                .extracting(FeedEvent::id, FeedEvent::type, FeedEvent::keyId)
                .containsExactly(
                        tuple(1L, KeyEvent.Type.CREATED, "k1"),
                        tuple(2L, KeyEvent.Type.CREATED, "k2"),
                        tuple(3L, KeyEvent.Type.REVOKED, "k1"));
        assertThat(feed.get(0).key().revokedAt()).as("the row as it is now").isNotNull();
        assertThat(store.read(2, List.of(1L), 10))
                .extracting(FeedEvent::id)
                .containsExactly(1L, 3L);
        assertThat(store.bounds()).isEqualTo(new KeyEventLog.Bounds(1, 3));
        assertThat(store.idsBetween(1, 3)).isEqualTo(Set.of(2L, 3L));
    }

    @Test
    void idsAskedForAgainComeFirstInIdOrderAndCountTowardTheLimit() {
        for (int i = 1; i <= 6; i++) {
            insert("k" + i);
        }

        assertThat(store.read(3, List.of(2L, 1L), 3))
                .extracting(FeedEvent::id)
                .containsExactly(1L, 2L, 4L);
        assertThat(store.read(3, List.of(2L, 1L), 2))
                .extracting(FeedEvent::id)
                .containsExactly(1L, 2L);
        assertThat(store.read(3, List.of(5L, 2L, 2L, 99L, 0L), 10))
                .as("an id above afterId once, an unknown id not at all")
                .extracting(FeedEvent::id)
                .containsExactly(2L, 4L, 5L, 6L);
        assertThat(store.read(6, List.of(3L), 10))
                .extracting(FeedEvent::id, FeedEvent::keyId)
                .containsExactly(tuple(3L, "k3"));
        assertThat(store.read(6, List.of(), 10)).isEmpty();
    }

    @Test
    void pagesOfOneOrganisationsTrailNeverHoldAnothersEventsOfTheSameMillisecond() {
        KeyOwner other = new KeyOwner("globex", OWNER.user());
        for (int i = 1; i <= 5; i++) {
            insert(i % 2 == 1 ? OWNER : other, "k" + i);
        }
        store.revoke("globex", "k4", clock.instant(), Actor.operator());

        List<KeyEvent> first = store.newestFirst("acme", null, 2);
        List<KeyEvent> second =
                store.newestFirst("acme", KeyEventLog.AuditPosition.of(first.get(1)), 2);

        assertThat(first).extracting(KeyEvent::keyId).containsExactly("k5", "k3");
        assertThat(second).extracting(KeyEvent::keyId).containsExactly("k1");
        assertThat(store.newestFirst("globex", null, 10))
                .extracting(KeyEvent::keyId, KeyEvent::type)
                .containsExactly(
                        tuple("k4", KeyEvent.Type.REVOKED),
                        tuple("k4", KeyEvent.Type.CREATED),
                        tuple("k2", KeyEvent.Type.CREATED));
        assertThat(
                        store.newestFirst(
                                "globex",
                                new KeyEventLog.AuditPosition(
                                        clock.instant(), "k4", KeyEvent.Type.CREATED),
                                10))
                .extracting(KeyEvent::keyId)
                .containsExactly("k2");
        assertThat(store.newestFirst("initech", null, 10)).isEmpty();
    }

    @Test
    void findingAKeyByItsHashDoesNotWaitForTheLockOfAChange() throws Exception {
        insert("k1");

        synchronized (store) {
            assertThat(
                            CompletableFuture.supplyAsync(() -> store.findByHash("hash-of-k1"))
                                    .get(10, TimeUnit.SECONDS))
                    .map(StoredKey::id)
                    .contains("k1");
        }
    }

    @Test
    void pruningDeletesEventsOlderThanTheRetentionByTheStoresClockButKeepsTheNewest() {
        insert("old");
        insert("also-old");
        clock.advance(Duration.ofHours(2));
        insert("recent");

        assertThat(store.prune(Duration.ofHours(1))).isEqualTo(2);
        assertThat(store.bounds()).isEqualTo(new KeyEventLog.Bounds(3, 3));
        assertThat(store.newestFirst("acme", null, 10))
                .extracting(KeyEvent::keyId)
                .containsExactly("recent");

        clock.advance(Duration.ofHours(2));
        assertThat(store.prune(Duration.ofHours(1))).as("the newest always stays").isZero();
        assertThat(store.bounds()).isEqualTo(new KeyEventLog.Bounds(3, 3));
    }

    @Test
    void aStoredKeyNeverShowsItsHash() {
        assertThat(insert("k1").toString()).doesNotContain("hash-of-k1").contains("<redacted>");
    }
}
