package dev.keyguard.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/** The tests of this module ran on the Jersey they are meant to: not the parent's. */
class JerseyVersionTest {

    @Test
    void theClassPathHasJersey310() {
        assertThat(
                        ResourceConfig.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .getPath())
                .endsWith("/jersey-server-3.1.0.jar");
    }
}
