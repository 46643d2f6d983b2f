package dev.keyguard.internal.events;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** Restricted keys changed on one node, or by SQL, enforced by another: H2. */
@DisplayName("Restricted keys across two nodes on H2")
class H2RestrictedKeysAcrossNodesTest extends RestrictedKeysAcrossNodesContract {

    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
