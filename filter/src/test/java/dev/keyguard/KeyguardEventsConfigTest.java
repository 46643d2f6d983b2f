package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parameters of the key-event feed and of the cache's re-check, by name. */
class KeyguardEventsConfigTest {

    @Test
    void defaultsLeaveThePollToTheDatabaseListenKeepAYearAndRecheckEveryMinute() {
        KeyguardConfig config = KeyguardConfig.from(Map.<String, String>of()::get).build();

        assertThat(config.eventsPollInterval()).as("chosen by database at start").isNull();
        assertThat(config.toString()).contains("keyguard.events.poll-interval=unset");
        assertThat(KeyguardConfig.DEFAULT_POLL_INTERVAL).isEqualTo(Duration.ofMillis(100));
        assertThat(KeyguardConfig.DEFAULT_POLL_INTERVAL_WITH_LISTEN)
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(config.eventsListen()).isTrue();
        assertThat(config.eventsRetention()).isEqualTo(Duration.ofDays(365));
        assertThat(config.cacheRevalidateAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void parametersAreReadByTheirNames() {
        KeyguardConfig config =
                KeyguardConfig.from(
                                Map.of(
                                                KeyguardConfig.EVENTS_POLL_INTERVAL.name(), "250ms",
                                                KeyguardConfig.EVENTS_LISTEN.name(), "false",
                                                KeyguardConfig.EVENTS_RETENTION.name(), "30d")
                                        ::get)
                        .build();

        assertThat(config.eventsPollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.eventsListen()).isFalse();
        assertThat(config.eventsRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(KeyguardConfig.EVENTS_POLL_INTERVAL.environmentName())
                .isEqualTo("KEYGUARD_EVENTS_POLL_INTERVAL");
    }

    @Test
    void badValuesNameTheParameterAndTheValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                KeyguardConfig.from(
                                                Map.of(
                                                                KeyguardConfig.EVENTS_POLL_INTERVAL
                                                                        .name(),
                                                                "0s")
                                                        ::get)
                                        .build())
                .withMessage(
                        "Invalid keyguard.events.poll-interval '0s': use 1ms to 3650d, e.g. 100ms");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                KeyguardConfig.from(
                                                Map.of(
                                                                KeyguardConfig.EVENTS_RETENTION
                                                                        .name(),
                                                                "30m")
                                                        ::get)
                                        .build())
                .withMessage("Invalid keyguard.events.retention '30m': use 1h to 3650d, e.g. 365d");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                KeyguardConfig.from(
                                                Map.of(KeyguardConfig.EVENTS_LISTEN.name(), "maybe")
                                                        ::get)
                                        .build())
                .withMessageContaining(KeyguardConfig.EVENTS_LISTEN.name())
                .withMessageContaining("maybe");
    }
}
