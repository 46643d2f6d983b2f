package dev.keyguard.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.junit.jupiter.api.Test;

/** The tests of this module ran on the RESTEasy they are meant to: not the parent's. */
class ResteasyVersionTest {

    @Test
    void theClassPathHasResteasy620() {
        assertThat(
                        ResteasyDeploymentImpl.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .getPath())
                .endsWith("/resteasy-core-6.2.0.Final.jar");
    }
}
