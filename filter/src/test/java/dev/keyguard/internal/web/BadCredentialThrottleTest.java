package dev.keyguard.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.testing.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BadCredentialThrottleTest {

    final FakeTicker ticker = new FakeTicker();
    final BadCredentialThrottle throttle =
            new BadCredentialThrottle(
                    3, Duration.ofMinutes(1), Duration.ofMinutes(5), ticker, Runnable::run);

    @Test
    void addressIsBlockedAtTheLimitForTheBlockDuration() {
        assertThat(throttle.recordFailure("10.0.0.1")).isFalse();
        assertThat(throttle.recordFailure("10.0.0.1")).isFalse();
        assertThat(throttle.recordFailure("10.0.0.1")).isTrue();

        assertThat(throttle.blockedForSeconds("10.0.0.1")).isEqualTo(300);
        assertThat(throttle.blockedForSeconds("10.0.0.2")).isZero();
        ticker.advance(Duration.ofSeconds(299).plusMillis(500));
        assertThat(throttle.blockedForSeconds("10.0.0.1")).isEqualTo(1);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(throttle.blockedForSeconds("10.0.0.1")).isZero();
    }

    @Test
    void anyBlockedIsTrueOnlyWhileSomeAddressIsBlocked() {
        assertThat(throttle.anyBlocked()).isFalse();
        throttle.recordFailure("10.0.0.1");
        throttle.recordFailure("10.0.0.1");
        assertThat(throttle.anyBlocked()).isFalse();
        throttle.recordFailure("10.0.0.1");
        assertThat(throttle.anyBlocked()).isTrue();
        ticker.advance(Duration.ofMinutes(4));
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("10.0.0.2");
        }

        ticker.advance(Duration.ofMinutes(1));
        assertThat(throttle.anyBlocked()).as("10.0.0.2 is blocked a while longer").isTrue();
        assertThat(throttle.blockedForSeconds("10.0.0.1")).isZero();
        assertThat(throttle.blockedForSeconds("10.0.0.2")).isEqualTo(240);
        ticker.advance(Duration.ofMinutes(4));
        assertThat(throttle.anyBlocked()).isFalse();
        assertThat(throttle.blockedForSeconds("10.0.0.2")).isZero();
    }

    @Test
    void failuresSpreadOverSeveralWindowsDoNotBlock() {
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.recordFailure("10.0.0.1")).isFalse();
            assertThat(throttle.recordFailure("10.0.0.1")).isFalse();
            ticker.advance(Duration.ofSeconds(61));
        }

        assertThat(throttle.blockedForSeconds("10.0.0.1")).isZero();
    }

    @Test
    void zeroMaximumSwitchesThrottlingOff() {
        BadCredentialThrottle off =
                new BadCredentialThrottle(
                        0, Duration.ofMinutes(1), Duration.ofMinutes(5), ticker, Runnable::run);
        for (int i = 0; i < 100; i++) {
            assertThat(off.recordFailure("10.0.0.1")).isFalse();
        }

        assertThat(off.blockedForSeconds("10.0.0.1")).isZero();
    }

    @Test
    void anAddressIsSuspectFromItsFirstFailureUntilItsWindowOrBlockEnds() {
        assertThat(throttle.isSuspect("10.0.0.1")).isFalse();
        throttle.recordFailure("10.0.0.1");
        assertThat(throttle.isSuspect("10.0.0.1")).isTrue();
        assertThat(throttle.isSuspect("10.0.0.2")).isFalse();
        ticker.advance(Duration.ofSeconds(61));
        assertThat(throttle.isSuspect("10.0.0.1")).isFalse();

        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("10.0.0.1");
        }
        ticker.advance(Duration.ofMinutes(2));
        assertThat(throttle.isSuspect("10.0.0.1")).as("blocked").isTrue();
        ticker.advance(Duration.ofMinutes(4));
        assertThat(throttle.isSuspect("10.0.0.1")).isFalse();
    }
}
