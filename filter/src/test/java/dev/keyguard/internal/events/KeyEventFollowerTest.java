package dev.keyguard.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.ApiKey;
import dev.keyguard.KeyEvent.Type;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.KeyguardException;
import dev.keyguard.internal.cache.CachingKeyStore;
import dev.keyguard.internal.key.KeyHash;
import dev.keyguard.spi.StoredKey;
import dev.keyguard.testing.FakeTicker;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.ScriptedKeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The follower against a log with the database's habits (ids visible out of order, rolled back,
 * pruned, unreachable), over a real cache: every change reaches the cache, or the cache is cleared.
 */
class KeyEventFollowerTest {

    static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");
    static final KeyOwner OWNER = new KeyOwner("org-1", new KeyUser("u", null, null, null));

    final FakeTicker ticker = new FakeTicker();
    final ScriptedKeyStore rows = new ScriptedKeyStore();
    // Re-checks only after an hour: within a test, only the feed changes a cached answer.
    final CachingKeyStore cache =
            new CachingKeyStore(
                    rows,
                    100,
                    Duration.ofHours(2),
                    Duration.ofHours(1),
                    new MutableClock(NOW),
                    ticker,
                    Runnable::run);
    final FakeEventLog log = new FakeEventLog();
    final FeedHealth health = new FeedHealth(ticker, Duration.ofSeconds(3));
    final KeyEventFollower follower =
            new KeyEventFollower(
                    log,
                    cache,
                    health,
                    ticker,
                    Duration.ofSeconds(1),
                    Duration.ofDays(1),
                    new TimedWakeup(),
                    () -> {},
                    "test-follower");

    static StoredKey key(String id) {
        return new StoredKey(
                new ApiKey(id, "n", "ll_0000000000", OWNER, NOW, null, null),
                KeyHash.sha256Hex(id),
                null,
                null);
    }

    /** A key this node has cached as valid. */
    StoredKey cached(String id) {
        StoredKey key = key(id);
        rows.put(key);
        assertThat(cache.findByHash(key.hash())).isPresent();
        return key;
    }

    /** Revokes the row, as another node does, without telling the log. */
    StoredKey revokeRow(StoredKey key) {
        StoredKey revoked = new StoredKey(key.key(), key.hash(), NOW, null);
        rows.put(revoked);
        return revoked;
    }

    boolean refused(StoredKey key) {
        return cache.findByHash(key.hash()).map(k -> !k.isActiveAt(NOW)).orElse(true);
    }

    @Test
    void aRevocationOnAnotherNodeIsAppliedAtTheNextReadWithoutAQuery() {
        follower.read();
        StoredKey key = cached("k1");
        log.append(Type.REVOKED, revokeRow(key));
        assertThat(refused(key)).as("not before the read").isFalse();

        follower.read();

        assertThat(refused(key)).isTrue();
        assertThat(rows.finds).as("the event brought the row").hasValue(1);
    }

    @Test
    void aRotationGivesTheCachedKeyItsNewExpiry() {
        follower.read();
        StoredKey key = cached("k1");
        StoredKey retiring =
                new StoredKey(
                        new ApiKey("k1", "n", "ll_0000000000", OWNER, NOW, NOW, null),
                        key.hash(),
                        null,
                        null);
        rows.put(retiring);
        log.append(Type.ROTATED, retiring);

        follower.read();

        assertThat(refused(key)).isTrue();
    }

    @Test
    void aChangedKeyIsDroppedSoTheNextRequestReadsItsRow() {
        follower.read();
        StoredKey key = cached("k1");
        log.append(Type.CHANGED, key);

        follower.read();
        cache.findByHash(key.hash());

        assertThat(rows.finds).hasValue(2);
    }

    @Test
    void aCreatedKeyReplacesACachedNoSuchKeyButLeavesACachedValidKeyAlone() {
        follower.read();
        StoredKey unborn = key("k1");
        assertThat(cache.findByHash(unborn.hash())).as("asked for before it existed").isEmpty();
        StoredKey known = cached("k2");
        rows.put(unborn);
        log.append(Type.CREATED, unborn);
        log.append(Type.CREATED, known);

        follower.read();

        assertThat(cache.findByHash(unborn.hash())).isPresent();
        cache.findByHash(known.hash());
        assertThat(rows.finds).as("k1 twice, k2 once").hasValue(3);
    }

    @Test
    void startsAtTheHighWaterMarkWithoutApplyingOlderEvents() {
        log.append(Type.CHANGED, null);
        log.append(Type.REVOKED, key("old"));

        follower.read();

        assertThat(follower.eventsApplied()).isZero();
        assertThat(follower.cacheClears()).isZero();
    }

    @Test
    void aLowerIdThatCommitsAfterAHigherOneIsStillApplied() {
        follower.read();
        StoredKey key = cached("k1");
        long inFlight = log.take();
        log.append(Type.CREATED, key("k2"));
        follower.read();
        assertThat(follower.gapsWatched()).isEqualTo(1);

        log.commit(inFlight, Type.REVOKED, revokeRow(key));
        follower.read();

        assertThat(refused(key)).isTrue();
        assertThat(follower.gapsWatched()).isZero();
    }

    @Test
    void aRolledBackIdIsLookedForUntilTheGapTimeOutThenForgotten() {
        follower.read();
        log.rollBack(log.take());
        log.append(Type.CREATED, key("k2"));
        follower.read();

        ticker.advance(KeyEventFollower.GAP_TIMEOUT.minusSeconds(1));
        follower.read();
        assertThat(follower.gapsWatched()).isEqualTo(1);
        ticker.advance(Duration.ofSeconds(1));
        follower.read();

        assertThat(follower.gapsWatched()).isZero();
        assertThat(follower.cacheClears()).isZero();
    }

    @Test
    void idsMissingJustBelowTheMarkAtStartAreWatchedBecauseTheyMayStillCommit() {
        long inFlight = log.take();
        log.append(Type.CREATED, key("k2"));
        follower.read();
        StoredKey key = cached("k1");

        log.commit(inFlight, Type.REVOKED, revokeRow(key));
        follower.read();

        assertThat(refused(key)).isTrue();
    }

    @Test
    void afterAFailedReadItContinuesFromItsLastIdWithoutClearingTheCache() {
        log.append(Type.CREATED, key("k0"));
        follower.read();
        StoredKey key = cached("k1");
        StoredKey other = cached("k2");
        log.down = true;
        assertThatThrownBy(follower::read).isInstanceOf(KeyguardException.class);
        log.append(Type.REVOKED, revokeRow(key));
        log.down = false;

        follower.read();

        assertThat(refused(key)).isTrue();
        assertThat(follower.cacheClears()).isZero();
        assertThat(cache.findByHash(other.hash())).isPresent();
        assertThat(rows.finds).as("k2 still cached").hasValue(2);
    }

    @Test
    void eventsPrunedPastItsMarkDuringAnOutageClearTheCache() {
        log.append(Type.CREATED, key("k0"));
        follower.read();
        StoredKey key = cached("k1");
        log.down = true;
        assertThatThrownBy(follower::read).isInstanceOf(KeyguardException.class);
        long revocation = log.append(Type.REVOKED, revokeRow(key));
        log.append(Type.CREATED, key("k3"));
        log.pruneUpTo(revocation);
        log.down = false;

        follower.read();

        assertThat(follower.cacheClears()).isEqualTo(1);
        assertThat(refused(key)).as("read again from its row").isTrue();
    }

    @Test
    void aLogThatWasEmptiedOrRestoredClearsTheCache() {
        log.append(Type.CREATED, key("k0"));
        log.append(Type.CREATED, key("k1"));
        follower.read();
        log.clear();
        ticker.advance(Duration.ofMinutes(2));

        follower.read();

        assertThat(follower.cacheClears()).isEqualTo(1);
    }

    @Test
    void ifTheMarkCannotBeReadAtStartTheCacheIsClearedOnceItCan() {
        log.down = true;
        assertThatThrownBy(follower::read).isInstanceOf(KeyguardException.class);
        StoredKey key = cached("k1");
        log.append(Type.REVOKED, revokeRow(key));
        log.down = false;

        follower.read();

        assertThat(follower.cacheClears()).isEqualTo(1);
        assertThat(refused(key)).isTrue();
    }

    @Test
    void moreMissingIdsThanItCanTrackClearTheCache() {
        follower.read();
        for (int i = 0; i <= FeedPosition.MAX_GAPS; i++) {
            log.take();
        }
        log.append(Type.CREATED, key("k2"));

        follower.read();

        assertThat(follower.cacheClears()).isEqualTo(1);
        assertThat(follower.gapsWatched()).isEqualTo(FeedPosition.MAX_GAPS);
    }

    @Test
    void anEventWhoseKeyRowIsGoneClearsTheCache() {
        follower.read();
        StoredKey key = cached("k1");
        rows.byHash.remove(key.hash());
        log.append(Type.CHANGED, null);

        follower.read();

        assertThat(follower.cacheClears()).isEqualTo(1);
        assertThat(refused(key)).isTrue();
    }

    @Test
    void aBatchLargerThanOneReadIsReadToTheEnd() {
        follower.read();
        StoredKey key = cached("k1");
        for (int i = 0; i < KeyEventFollower.BATCH + 10; i++) {
            log.append(Type.CREATED, key("new-" + i));
        }
        log.append(Type.REVOKED, revokeRow(key));

        follower.read();

        assertThat(refused(key)).isTrue();
    }

    @Test
    void theFeedIsCurrentAfterAReadAndBehindThreeIntervalsAfterTheLastGoodOne() {
        assertThat(health.isCurrent()).isFalse();
        follower.read();
        assertThat(health.isCurrent()).isTrue();

        log.down = true;
        assertThatThrownBy(follower::read).isInstanceOf(KeyguardException.class);
        ticker.advance(Duration.ofMillis(2999));
        assertThat(health.isCurrent()).isTrue();
        ticker.advance(Duration.ofMillis(1));
        assertThat(health.isCurrent()).isFalse();

        log.down = false;
        follower.read();
        assertThat(health.isCurrent()).isTrue();
    }

    @Test
    void theThreadReadsAtTheIntervalByItselfAndStopsOnClose() throws Exception {
        AtomicInteger housekeeping = new AtomicInteger();
        KeyEventFollower running =
                KeyEventFollower.start(
                        log,
                        cache,
                        health,
                        Duration.ofMillis(20),
                        Duration.ofDays(1),
                        null,
                        housekeeping::incrementAndGet,
                        "keyguard-key-events-test");
        try {
            StoredKey key = cached("k1");
            log.append(Type.REVOKED, revokeRow(key));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while ((!refused(key) || housekeeping.get() < 2) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(refused(key)).isTrue();
            assertThat(housekeeping.get())
                    .as("the housekeeping runs after each read")
                    .isGreaterThanOrEqualTo(2);
            assertThat(thread("keyguard-key-events-test")).isNotNull();
        } finally {
            long start = System.nanoTime();
            running.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(1));
        }
        assertThat(thread("keyguard-key-events-test")).isNull();
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name) && t.isAlive() && t.isDaemon())
                .findFirst()
                .orElse(null);
    }
}
