package dev.keyguard.internal.logging;

import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.spi.InMemoryKeyStore;

/** Starts and closes two Keyguards, as a host with two filters would; for LogProviderCheckTest. */
public final class StartTwice {

    /** Printed on standard error once both started. */
    static final String DONE = "both started";

    private StartTwice() {}

    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) {
            try (Keyguard keyguard =
                    Keyguard.start(
                            KeyguardConfig.builder().store(new InMemoryKeyStore()).build())) {
                keyguard.service();
            }
        }
        System.err.println(DONE);
    }
}
