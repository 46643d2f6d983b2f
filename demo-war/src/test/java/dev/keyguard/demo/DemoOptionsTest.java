package dev.keyguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.KeyguardConfig;
import org.junit.jupiter.api.Test;

/** The parameter names the demo's options write out are Keyguard's own. */
class DemoOptionsTest {

    @Test
    void theNamesWrittenOutForTheLauncherAreKeyguardsConstants() {
        assertThat(DemoOptions.DATA_DIR).isEqualTo(KeyguardConfig.DATA_DIR.name());
        assertThat(DemoOptions.DEFAULT_DATA_DIR)
                .isEqualTo(KeyguardConfig.DATA_DIR.defaultValue().toString());
        assertThat(DemoOptions.JDBC_URL).isEqualTo(KeyguardConfig.JDBC_URL.name());
        assertThat(DemoOptions.JDBC_USER).isEqualTo(KeyguardConfig.JDBC_USER.name());
        assertThat(DemoOptions.JDBC_PASSWORD).isEqualTo(KeyguardConfig.JDBC_PASSWORD.name());
    }
}
