package dev.keyguard.admin.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.ext.RuntimeDelegate;
import org.junit.jupiter.api.Test;

/** This run's JVM has only this runtime: its RuntimeDelegate builds every Response. */
class JerseyClassPathTest {

    @Test
    void onlyThisRuntimeIsOnTheClassPath() {
        assertThat(RuntimeDelegate.getInstance().getClass().getName())
                .startsWith("org.glassfish.jersey");
    }
}
