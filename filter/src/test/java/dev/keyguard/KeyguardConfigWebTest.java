package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.internal.web.ServletParameters;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyguardConfigWebTest {

    @AfterEach
    void clearSystemProperty() {
        System.clearProperty(KeyguardConfig.REALM.name());
    }

    static KeyguardConfig fromParams(Map<String, String> params) {
        return KeyguardConfig.from(params::get).build();
    }

    @Test
    void defaultsAreTheConstants() {
        KeyguardConfig config = KeyguardConfig.builder().build();

        assertThat(config.realm()).isEqualTo(KeyguardConfig.REALM.defaultValue());
        assertThat(config.cacheMaximumSize())
                .isEqualTo(KeyguardConfig.CACHE_MAXIMUM_SIZE.defaultValue());
        assertThat(config.cacheTtl()).isEqualTo(KeyguardConfig.CACHE_TTL.defaultValue());
        assertThat(config.cacheRevalidateAfter())
                .isEqualTo(KeyguardConfig.CACHE_REVALIDATE_AFTER.defaultValue());
        assertThat(config.lastUsedFlushInterval())
                .isEqualTo(KeyguardConfig.LAST_USED_FLUSH_INTERVAL.defaultValue());
        assertThat(config.throttleMaxFailures())
                .isEqualTo(KeyguardConfig.THROTTLE_MAX_FAILURES.defaultValue());
        assertThat(config.excludedPaths()).isEmpty();
        assertThat(config.corsPreflightPassThrough()).isFalse();
    }

    @Test
    void durationsSizesAndListsAreReadAsAPersonTypesThem() {
        KeyguardConfig config =
                fromParams(
                        Map.of(
                                KeyguardConfig.CACHE_TTL.name(), "10m",
                                KeyguardConfig.CACHE_REVALIDATE_AFTER.name(), "500ms",
                                KeyguardConfig.LAST_USED_FLUSH_INTERVAL.name(), "2s",
                                KeyguardConfig.THROTTLE_WINDOW.name(), "1h",
                                KeyguardConfig.THROTTLE_BLOCK.name(), "1d",
                                KeyguardConfig.CACHE_MAXIMUM_SIZE.name(), "50000",
                                KeyguardConfig.EXCLUDED_PATHS.name(), " /health , /public/* ",
                                KeyguardConfig.CORS_PREFLIGHT_PASS_THROUGH.name(), "true"));

        assertThat(config.cacheTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.cacheRevalidateAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.lastUsedFlushInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.throttleWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(config.throttleBlock()).isEqualTo(Duration.ofDays(1));
        assertThat(config.cacheMaximumSize()).isEqualTo(50_000);
        assertThat(config.excludedPaths()).containsExactly("/health", "/public/*");
        assertThat(config.corsPreflightPassThrough()).isTrue();
    }

    @Test
    void badValuesAreRefusedNamingTheParameterAndTheValue() {
        Map<String, String> bad =
                Map.of(
                        KeyguardConfig.CACHE_TTL.name(), "5 minutes",
                        KeyguardConfig.LAST_USED_FLUSH_INTERVAL.name(), "0s",
                        KeyguardConfig.CACHE_MAXIMUM_SIZE.name(), "-1",
                        KeyguardConfig.THROTTLE_MAX_FAILURES.name(), "many",
                        KeyguardConfig.REALM.name(), "a \"quoted\" realm",
                        KeyguardConfig.EXCLUDED_PATHS.name(), "health",
                        KeyguardConfig.CORS_PREFLIGHT_PASS_THROUGH.name(), "yes");
        bad.forEach(
                (name, value) ->
                        assertThatThrownBy(() -> fromParams(Map.of(name, value)))
                                .isInstanceOf(IllegalArgumentException.class)
                                .hasMessageContaining(name)
                                .hasMessageContaining(value));
    }

    @Test
    void filterParametersComeFromInitParamThenContextParamThenSystemProperty() {
        System.setProperty(KeyguardConfig.REALM.name(), "from-system");
        String[] expected = {"from-init", "from-context", "from-system"};
        List<TestFilterConfig> configs =
                List.of(
                        new TestFilterConfig(
                                Map.of(KeyguardConfig.REALM.name(), "from-init"),
                                Map.of(KeyguardConfig.REALM.name(), "from-context")),
                        new TestFilterConfig(
                                Map.of(), Map.of(KeyguardConfig.REALM.name(), "from-context")),
                        new TestFilterConfig(Map.of(), Map.of()));

        for (int i = 0; i < expected.length; i++) {
            assertThat(KeyguardConfig.from(ServletParameters.of(configs.get(i))).build().realm())
                    .isEqualTo(expected[i]);
        }
    }

    @Test
    void filterFailsToInitialiseNamingTheBadParameterAndValue() {
        ApiKeyFilter filter = new ApiKeyFilter();

        assertThatThrownBy(
                        () ->
                                filter.init(
                                        new TestFilterConfig(
                                                Map.of(KeyguardConfig.CACHE_TTL.name(), "5x"),
                                                Map.of())))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("keyguard.cache.ttl")
                .hasMessageContaining("'5x'");
    }

    @Test
    void environmentNameOfAParameterIsUpperCaseWithUnderscores() {
        assertThat(KeyguardConfig.CACHE_REVALIDATE_AFTER.environmentName())
                .isEqualTo("KEYGUARD_CACHE_REVALIDATE_AFTER");
    }

    @Test
    void aBlankInitParamDoesNotHideTheContextParamOrTheSystemProperty() {
        System.setProperty(KeyguardConfig.REALM.name(), "from-system");
        TestFilterConfig blankInit =
                new TestFilterConfig(
                        Map.of(KeyguardConfig.REALM.name(), " "),
                        Map.of(KeyguardConfig.REALM.name(), "from-context"));
        TestFilterConfig blankBoth =
                new TestFilterConfig(
                        Map.of(KeyguardConfig.REALM.name(), ""),
                        Map.of(KeyguardConfig.REALM.name(), " "));

        assertThat(KeyguardConfig.from(ServletParameters.of(blankInit)).build().realm())
                .isEqualTo("from-context");
        assertThat(KeyguardConfig.from(ServletParameters.of(blankBoth)).build().realm())
                .isEqualTo("from-system");
    }
}
