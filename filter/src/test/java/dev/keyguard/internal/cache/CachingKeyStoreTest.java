package dev.keyguard.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.Actor;
import dev.keyguard.ApiKey;
import dev.keyguard.KeyEvent;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.KeyguardException;
import dev.keyguard.internal.key.KeyHash;
import dev.keyguard.spi.FeedEvent;
import dev.keyguard.spi.StoredKey;
import dev.keyguard.testing.FakeTicker;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.ScriptedKeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CachingKeyStoreTest {

    static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
    static final String H1 = h("h1");
    static final String H2 = h("h2");
    static final KeyOwner OWNER = new KeyOwner("org-1", new KeyUser("u", null, null, null));

    final ScriptedKeyStore store = new ScriptedKeyStore();
    final MutableClock clock = new MutableClock(NOW);
    final FakeTicker ticker = new FakeTicker();
    final CachingKeyStore cache =
            new CachingKeyStore(
                    store,
                    100,
                    Duration.ofMinutes(5),
                    Duration.ofSeconds(1),
                    clock,
                    ticker,
                    Runnable::run);

    /** A hash as the store keeps it. */
    static String h(String label) {
        return KeyHash.sha256Hex(label);
    }

    static StoredKey key(String id, String hash, Instant expiresAt) {
        return new StoredKey(
                new ApiKey(id, "n", "ll_0000000000", OWNER, NOW, expiresAt, null),
                hash,
                null,
                null);
    }

    StoredKey insert(String id, String hash, Instant expiresAt) {
        StoredKey key = key(id, hash, expiresAt);
        cache.insertWithinLimit(key, 10, NOW, Actor.operator());
        return key;
    }

    @Test
    void validKeyIsLookedUpOnceAndThenServedFromMemory() {
        insert("k1", H1, null);

        for (int i = 0; i < 100; i++) {
            assertThat(cache.findByHash(H1)).isPresent();
        }

        assertThat(store.finds).hasValue(1);
    }

    @Test
    void unknownHashIsRememberedAsAbsentSoHammeringCostsOneLookUp() {
        for (int i = 0; i < 100; i++) {
            assertThat(cache.findByHash(h("nope"))).isEmpty();
        }
        ticker.advance(Duration.ofMinutes(1));
        assertThat(cache.findByHash(h("nope"))).isEmpty();

        assertThat(store.finds).hasValue(1);
    }

    @Test
    void revokingThroughTheCacheRefusesTheKeyAtOnceWithoutAnotherLookUp() {
        insert("k1", H1, null);
        cache.findByHash(H1);

        cache.revoke("org-1", "k1", NOW, Actor.operator());

        assertThat(cache.findByHash(H1))
                .hasValueSatisfying(k -> assertThat(k.revokedAt()).isEqualTo(NOW));
        assertThat(store.finds).hasValue(1);
    }

    @Test
    void keyRevokedOnAnotherNodeIsSeenOnceTheEntryIsOlderThanTheRevalidationInterval() {
        insert("k1", H1, null);
        cache.findByHash(H1);
        store.revokeElsewhere(H1, NOW);

        assertThat(cache.findByHash(H1).orElseThrow().revokedAt()).isNull();
        ticker.advance(Duration.ofSeconds(1));

        assertThat(cache.findByHash(H1).orElseThrow().revokedAt()).isEqualTo(NOW);
        ticker.advance(Duration.ofSeconds(10));
        cache.findByHash(H1);
        assertThat(store.finds).as("a revoked key is never asked for again").hasValue(2);
    }

    @Test
    void cachedValidKeyKeepsWorkingWhileTheStoreIsDownUntilTheTtl() {
        insert("k1", H1, null);
        cache.findByHash(H1);
        store.down = true;

        ticker.advance(Duration.ofMinutes(2));
        assertThat(cache.findByHash(H1)).isPresent();
        ticker.advance(Duration.ofMinutes(2));
        assertThat(cache.findByHash(H1)).isPresent();
        ticker.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> cache.findByHash(H1))
                .isInstanceOfSatisfying(
                        KeyguardException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(KeyguardException.Reason.UNAVAILABLE));
    }

    @Test
    void answersPastTheTtlAreUsedByNoLookUpAndRemovedOnceATtl() {
        insert("k1", H1, null);
        cache.findByHash(H1);
        cache.findByHash(h("nope"));
        ticker.advance(Duration.ofMinutes(3));
        cache.findByHash(H2);
        cache.removeStaleIfDue();
        assertThat(cache.estimatedSize()).as("not due a ttl after the cache was made").isEqualTo(3);

        ticker.advance(Duration.ofMinutes(2));
        cache.removeStaleIfDue();
        cache.cleanUp();

        assertThat(cache.estimatedSize()).as("only the answer younger than the ttl").isEqualTo(1);
        assertThat(cache.findByHash(H2)).isEmpty();
        assertThat(store.finds).as("H2's answer was kept").hasValue(3);
        assertThat(cache.findByHash(H1)).as("asked again").isPresent();
        assertThat(store.finds).hasValue(4);
    }

    @Test
    void anAnswerPastTheTtlIsNotUsedEvenBeforeItIsRemoved() {
        cache.findByHash(h("nope"));
        store.put(key("k1", h("nope"), null)); // behind the cache's back: no event, no drop
        ticker.advance(Duration.ofMinutes(4));
        assertThat(cache.findByHash(h("nope"))).as("the cached absence, still young").isEmpty();
        ticker.advance(Duration.ofMinutes(1));

        assertThat(cache.findByHash(h("nope")))
                .as("asked again, not the cached absence")
                .isPresent();
        assertThat(store.finds).hasValue(2);
    }

    @Test
    void storeOutageOnAnUncachedKeyIsUnavailableNotAbsent() {
        store.down = true;

        assertThatThrownBy(() -> cache.findByHash(H1)).isInstanceOf(KeyguardException.class);

        store.down = false;
        assertThat(cache.findByHash(H1)).isEmpty();
    }

    @Test
    void anExpiredKeyIsAnsweredFromTheCacheWithoutAskingTheStoreAgain() {
        insert("k1", H1, NOW.plusSeconds(30));
        cache.findByHash(H1);

        ticker.advance(Duration.ofSeconds(31));
        clock.advance(Duration.ofSeconds(31));
        store.down = true;

        assertThat(cache.findByHash(H1))
                .hasValueSatisfying(k -> assertThat(k.isActiveAt(clock.instant())).isFalse());
        assertThat(store.finds).hasValue(1);
    }

    @Test
    void failedRechecksDoNotExtendHowLongACachedKeyIsServed() {
        insert("k1", H1, null);
        cache.findByHash(H1);
        store.down = true;

        for (int i = 0; i < 299; i++) {
            ticker.advance(Duration.ofSeconds(1));
            assertThat(cache.findByHash(H1)).isPresent();
        }
        ticker.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> cache.findByHash(H1)).isInstanceOf(KeyguardException.class);
        store.down = false;
        assertThat(cache.findByHash(H1)).as("a confirmed answer starts a new TTL").isPresent();
        ticker.advance(Duration.ofMinutes(4));
        store.down = true;
        assertThat(cache.findByHash(H1)).isPresent();
    }

    @Test
    void aHashThatIsNotSixtyFourHexCharactersFindsNothing() {
        assertThat(cache.findByHash("h1")).isEmpty();
        assertThat(cache.findByHash("g".repeat(64))).isEmpty();
        assertThat(store.finds).hasValue(0);
    }

    @Test
    void newKeyDropsAnyAnswerCachedForItsHash() {
        assertThat(cache.findByHash(H1)).isEmpty();

        insert("k1", H1, null);

        assertThat(cache.findByHash(H1)).isPresent();
    }

    @Test
    void cacheHoldsAtMostItsMaximumSize() {
        for (int i = 0; i < 1_000; i++) {
            cache.findByHash(h("h" + i));
        }
        cache.cleanUp();

        assertThat(cache.estimatedSize()).isLessThanOrEqualTo(100);
    }

    @Test
    void revocationDuringALookUpIsNotUndoneByTheLookUpsOlderAnswer() {
        insert("k1", H1, null);
        store.duringNextFind = () -> cache.revoke("org-1", "k1", NOW, Actor.operator());

        cache.findByHash(H1);

        assertThat(cache.findByHash(H1).orElseThrow().revokedAt()).isEqualTo(NOW);
    }

    @Test
    void rotationShortensTheCachedKeysLifeAtOnce() {
        insert("k1", H1, null);
        cache.findByHash(H1);

        cache.rotate("org-1", "k1", old -> key("k2", H2, null), NOW, 10, NOW, Actor.operator());

        assertThat(cache.findByHash(H1).orElseThrow().isActiveAt(NOW)).isFalse();
        assertThat(store.finds).hasValue(1);
    }

    @Test
    void rotationDuringALookUpIsNotUndoneByTheLookUpsOlderAnswer() {
        insert("k1", H1, null);
        store.duringNextFind =
                () ->
                        cache.rotate(
                                "org-1",
                                "k1",
                                old -> key("k2", H2, null),
                                NOW,
                                10,
                                NOW,
                                Actor.operator());

        cache.findByHash(H1);

        assertThat(cache.findByHash(H1).orElseThrow().key().expiresAt()).isEqualTo(NOW);
    }

    @Test
    void requestsArrivingDuringARecheckUseTheCachedAnswerInsteadOfQueryingAgain() {
        insert("k1", H1, null);
        cache.findByHash(H1);
        ticker.advance(Duration.ofSeconds(2));
        AtomicReference<Optional<StoredKey>> concurrent = new AtomicReference<>();
        store.duringNextFind = () -> concurrent.set(cache.findByHash(H1));

        cache.findByHash(H1);

        assertThat(concurrent.get()).isPresent();
        assertThat(store.finds).hasValue(2);
    }

    // ---- Changes announced by the key-event feed (another node's revocation, rotation, ...)

    @Test
    void revocationFromTheFeedDuringALookUpIsNotUndoneByTheLookUpsOlderAnswer() {
        insert("k1", H1, null);
        store.duringNextFind =
                () -> {
                    store.revokeElsewhere(H1, NOW);
                    cache.restrict(store.byHash.get(H1));
                };

        assertThat(cache.findByHash(H1))
                .as("the racing look-up answers what it read")
                .hasValueSatisfying(k -> assertThat(k.revokedAt()).isNull());

        assertThat(cache.findByHash(H1).orElseThrow().revokedAt()).isEqualTo(NOW);
    }

    @Test
    void aLaggingReadAfterTheFeedRevokedAKeyCannotBringItBack() {
        StoredKey valid = insert("k1", H1, null);
        StoredKey revoked = new StoredKey(valid.key(), H1, NOW, null);
        cache.restrict(revoked);
        ticker.advance(Duration.ofMinutes(2));

        // A replica that has not seen the revocation yet still holds the valid row.
        store.byHash.put(H1, valid);
        cache.findByHash(H1);

        assertThat(cache.findByHash(H1).orElseThrow().revokedAt()).isEqualTo(NOW);
    }

    @Test
    void aKeyTheFeedRevokedIsRefusedEvenIfThisNodeNeverCachedIt() {
        StoredKey valid = insert("k1", H1, null);

        cache.restrict(new StoredKey(valid.key(), H1, NOW, null));

        assertThat(cache.findByHash(H1).orElseThrow().revokedAt()).isEqualTo(NOW);
        assertThat(store.finds).as("the feed's row is the answer").hasValue(0);
    }

    @Test
    void invalidationDuringALookUpKeepsTheLookUpsAnswerOutOfTheCache() {
        insert("k1", H1, null);
        store.duringNextFind = () -> cache.invalidate(H1);

        cache.findByHash(H1);
        cache.findByHash(H1);

        assertThat(store.finds).as("the second request asks again").hasValue(2);
    }

    @Test
    void clearingTheCacheDuringALookUpKeepsTheLookUpsAnswerOutOfTheCache() {
        insert("k1", H1, null);
        store.duringNextFind = cache::invalidateAll;

        cache.findByHash(H1);
        cache.findByHash(H1);

        assertThat(store.finds).hasValue(2);
    }

    @Test
    void whileTheFeedIsBehindCachedKeysAreCheckedAfterTheShorterAge() {
        AtomicBoolean feedIsCurrent = new AtomicBoolean(true);
        CachingKeyStore following =
                new CachingKeyStore(
                        store,
                        100,
                        Duration.ofMinutes(5),
                        new Revalidation(
                                Duration.ofMinutes(1),
                                Duration.ofSeconds(1),
                                now -> feedIsCurrent.get()),
                        clock,
                        ticker,
                        Runnable::run);
        insert("k1", H1, null);
        following.findByHash(H1);
        store.revokeElsewhere(H1, NOW);
        ticker.advance(Duration.ofSeconds(30));

        assertThat(following.findByHash(H1).orElseThrow().revokedAt())
                .as("the feed is current: it would have announced the revocation")
                .isNull();
        feedIsCurrent.set(false);

        assertThat(following.findByHash(H1).orElseThrow().revokedAt()).isEqualTo(NOW);
    }

    @Test
    void withTheFeedCurrentACachedKeyIsStillCheckedOnceOlderThanTheLongerAge() {
        CachingKeyStore following =
                new CachingKeyStore(
                        store,
                        100,
                        Duration.ofMinutes(5),
                        new Revalidation(Duration.ofMinutes(1), Duration.ofSeconds(1), now -> true),
                        clock,
                        ticker,
                        Runnable::run);
        insert("k1", H1, null);
        following.findByHash(H1);
        store.revokeElsewhere(H1, NOW);
        ticker.advance(Duration.ofMinutes(1));

        assertThat(following.findByHash(H1).orElseThrow().revokedAt()).isEqualTo(NOW);
    }

    @Test
    void nothingTheCacheHoldsPrintsTheHash() {
        StoredKey key = key("k1", H1, null);

        assertThat(key.toString()).doesNotContain(H1);
        assertThat(CachedAnswer.confirmed(Optional.of(key), 0).toString()).doesNotContain(H1);
        assertThat(new FeedEvent(1, KeyEvent.Type.REVOKED, "k1", key).toString())
                .doesNotContain(H1);
    }
}
