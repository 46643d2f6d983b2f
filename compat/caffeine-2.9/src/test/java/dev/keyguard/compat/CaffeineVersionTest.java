package dev.keyguard.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.Test;

/** The tests of this module ran on the Caffeine they are meant to: not the parent's. */
class CaffeineVersionTest {

    @Test
    void theClassPathHasCaffeine293() {
        assertThat(Caffeine.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .endsWith("/caffeine-2.9.3.jar");
    }
}
