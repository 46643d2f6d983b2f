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
import org.junit.jupiter.api.Test;

/**
 * The in-memory store's event log as the follower reads it, and its pruning by the store's clock:
 * the parts of the SPI that the contracts of {@code dev.keyguard} check on a database by SQL.
 */
class InMemoryKeyStoreTest {

    private static final KeyOwner OWNER = new KeyOwner("acme", new KeyUser("u", null, null, null));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final InMemoryKeyStore store = new InMemoryKeyStore(clock);

    private StoredKey insert(String id) {
        StoredKey key =
                StoredKey.of(
                        new ApiKey(id, "n", "ll_0000000000", OWNER, clock.instant(), null, null),
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
    void pruningDeletesEventsOlderThanTheRetentionByTheStoresClockButKeepsTheNewest() {
        insert("old");
        insert("also-old");
        clock.advance(Duration.ofHours(2));
        insert("recent");

        assertThat(store.prune(Duration.ofHours(1))).isEqualTo(2);
        assertThat(store.bounds()).isEqualTo(new KeyEventLog.Bounds(3, 3));

        clock.advance(Duration.ofHours(2));
        assertThat(store.prune(Duration.ofHours(1))).as("the newest always stays").isZero();
        assertThat(store.bounds()).isEqualTo(new KeyEventLog.Bounds(3, 3));
    }

    @Test
    void aStoredKeyNeverShowsItsHash() {
        assertThat(insert("k1").toString()).doesNotContain("hash-of-k1").contains("<redacted>");
    }
}
