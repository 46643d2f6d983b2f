package dev.keyguard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.KeyguardInternals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A test knob is read by one name, as Keyguard reads its own parameters. */
class TestKnobsTest {

    private static final String PROBE = "keyguard.test-knobs.probe";

    @AfterEach
    void clear() {
        System.clearProperty(PROBE);
    }

    @Test
    void theEnvironmentVariableIsDerivedFromTheNameAsForKeyguardsParameters() {
        assertThat(KeyguardInternals.environmentName(TestKnobs.SOAK_SECONDS))
                .isEqualTo("KEYGUARD_SOAK_SECONDS");
        assertThat(KeyguardInternals.environmentName(PROBE)).isEqualTo("KEYGUARD_TEST_KNOBS_PROBE");
    }

    @Test
    void theSystemPropertyIsReadAndABlankOneIsUnset() {
        assertThat(TestKnobs.longValue(PROBE, 5)).isEqualTo(5);
        System.setProperty(PROBE, " 120 ");
        assertThat(TestKnobs.longValue(PROBE, 5)).isEqualTo(120);
        System.setProperty(PROBE, " ");
        assertThat(TestKnobs.value(PROBE)).isEmpty();
    }

    @Test
    void aValueThatIsNotANumberIsRefusedByBothNames() {
        System.setProperty(PROBE, "2m");
        assertThatThrownBy(() -> TestKnobs.longValue(PROBE, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(PROBE + " (or KEYGUARD_TEST_KNOBS_PROBE) is not a whole number: 2m");
    }
}
