package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyguardConfigWebTest {

    @AfterEach
    void clearSystemProperty() {
        System.clearProperty(KeyguardConfig.REALM);
    }

    static KeyguardConfig fromParams(Map<String, String> params) {
        return KeyguardConfig.from(params::get).build();
    }

    @Test
    void defaultsAreTheConstants() {
        KeyguardConfig config = KeyguardConfig.builder().build();

        assertThat(config.realm()).isEqualTo(KeyguardConfig.DEFAULT_REALM);
        assertThat(config.cacheMaximumSize()).isEqualTo(KeyguardConfig.DEFAULT_CACHE_MAXIMUM_SIZE);
        assertThat(config.cacheTtl()).isEqualTo(KeyguardConfig.DEFAULT_CACHE_TTL);
        assertThat(config.cacheRevalidateAfter())
                .isEqualTo(KeyguardConfig.DEFAULT_CACHE_REVALIDATE_AFTER);
        assertThat(config.lastUsedFlushInterval())
                .isEqualTo(KeyguardConfig.DEFAULT_LAST_USED_FLUSH_INTERVAL);
        assertThat(config.throttleMaxFailures())
                .isEqualTo(KeyguardConfig.DEFAULT_THROTTLE_MAX_FAILURES);
        assertThat(config.excludedPaths()).isEmpty();
        assertThat(config.corsPreflightPassThrough()).isTrue();
    }

    @Test
    void durationsSizesAndListsAreReadAsAPersonTypesThem() {
        KeyguardConfig config = fromParams(Map.of(
                KeyguardConfig.CACHE_TTL, "10m",
                KeyguardConfig.CACHE_REVALIDATE_AFTER, "500ms",
                KeyguardConfig.LAST_USED_FLUSH_INTERVAL, "2s",
                KeyguardConfig.THROTTLE_WINDOW, "1h",
                KeyguardConfig.THROTTLE_BLOCK, "1d",
                KeyguardConfig.CACHE_MAXIMUM_SIZE, "50000",
                KeyguardConfig.EXCLUDED_PATHS, " /health , /public/* ",
                KeyguardConfig.CORS_PREFLIGHT_PASS_THROUGH, "false"));

        assertThat(config.cacheTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.cacheRevalidateAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.lastUsedFlushInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.throttleWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(config.throttleBlock()).isEqualTo(Duration.ofDays(1));
        assertThat(config.cacheMaximumSize()).isEqualTo(50_000);
        assertThat(config.excludedPaths()).containsExactly("/health", "/public/*");
        assertThat(config.corsPreflightPassThrough()).isFalse();
    }

    @Test
    void badValuesAreRefusedNamingTheParameterAndTheValue() {
        Map<String, String> bad = Map.of(
                KeyguardConfig.CACHE_TTL, "5 minutes",
                KeyguardConfig.LAST_USED_FLUSH_INTERVAL, "0s",
                KeyguardConfig.CACHE_MAXIMUM_SIZE, "-1",
                KeyguardConfig.THROTTLE_MAX_FAILURES, "many",
                KeyguardConfig.REALM, "a \"quoted\" realm",
                KeyguardConfig.EXCLUDED_PATHS, "health",
                KeyguardConfig.CORS_PREFLIGHT_PASS_THROUGH, "yes");
        bad.forEach((name, value) -> assertThatThrownBy(() -> fromParams(Map.of(name, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name)
                .hasMessageContaining(value));
    }

    @Test
    void filterParametersComeFromInitParamThenContextParamThenSystemProperty() {
        System.setProperty(KeyguardConfig.REALM, "from-system");
        String[] expected = {"from-init", "from-context", "from-system"};
        List<TestFilterConfig> configs = List.of(
                new TestFilterConfig(Map.of(KeyguardConfig.REALM, "from-init"),
                        Map.of(KeyguardConfig.REALM, "from-context")),
                new TestFilterConfig(Map.of(), Map.of(KeyguardConfig.REALM, "from-context")),
                new TestFilterConfig(Map.of(), Map.of()));

        for (int i = 0; i < expected.length; i++) {
            assertThat(KeyguardConfig.from(configs.get(i)).build().realm()).isEqualTo(expected[i]);
        }
    }

    @Test
    void filterFailsToInitialiseNamingTheBadParameterAndValue() {
        ApiKeyFilter filter = new ApiKeyFilter();

        assertThatThrownBy(() -> filter.init(new TestFilterConfig(
                Map.of(KeyguardConfig.CACHE_TTL, "5x"), Map.of())))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("keyguard.cache.ttl")
                .hasMessageContaining("'5x'");
    }

    @Test
    void environmentNameOfAParameterIsUpperCaseWithUnderscores() {
        assertThat(KeyguardConfig.environmentName(KeyguardConfig.CACHE_REVALIDATE_AFTER))
                .isEqualTo("KEYGUARD_CACHE_REVALIDATE_AFTER");
    }
}
