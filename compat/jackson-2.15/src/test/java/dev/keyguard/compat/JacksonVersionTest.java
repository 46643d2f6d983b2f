package dev.keyguard.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.PackageVersion;
import org.junit.jupiter.api.Test;

/** The tests of this module ran on the Jackson they are meant to: not the parent's. */
class JacksonVersionTest {

    @Test
    void theClassPathHasJackson215() {
        assertThat(PackageVersion.VERSION.toString()).isEqualTo("2.15.4");
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString())
                .isEqualTo("2.15.4");
    }
}
