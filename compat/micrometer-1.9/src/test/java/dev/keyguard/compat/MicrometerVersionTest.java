package dev.keyguard.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

/** The tests of this module ran on the Micrometer they are meant to: not the parent's. */
class MicrometerVersionTest {

    @Test
    void theClassPathHasMicrometer1917() {
        assertThat(
                        MeterRegistry.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .getPath())
                .endsWith("/micrometer-core-1.9.17.jar");
    }
}
