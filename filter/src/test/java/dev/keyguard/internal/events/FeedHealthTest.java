package dev.keyguard.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.testing.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * When a feed counts as behind: three poll intervals after its last complete read, but never sooner
 * than 3 s, so that a follower polling ten times a second is not declared broken (and every cached
 * key sent back to the database) by a few hundred milliseconds of scheduling delay.
 */
class FeedHealthTest {

    private final FakeTicker ticker = new FakeTicker();

    @Test
    void aFeedPolledEvery100MsCountsAsBehindOnlyAfter3s() {
        FeedHealth health = FeedHealth.forPollInterval(ticker, Duration.ofMillis(100));
        health.caughtUp(ticker.read());

        ticker.advance(Duration.ofMillis(2999));
        assertThat(health.isCurrent()).isTrue();
        ticker.advance(Duration.ofMillis(1));
        assertThat(health.isCurrent()).isFalse();
    }

    @Test
    void aFeedPolledEvery5sCountsAsBehindAfterThreeIntervals() {
        FeedHealth health = FeedHealth.forPollInterval(ticker, Duration.ofSeconds(5));
        health.caughtUp(ticker.read());

        ticker.advance(Duration.ofMillis(14_999));
        assertThat(health.isCurrent()).isTrue();
        ticker.advance(Duration.ofMillis(1));
        assertThat(health.isCurrent()).isFalse();
    }
}
