package dev.keyguard.internal.events;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** Restricted keys changed on one node, or by SQL, enforced by another: MariaDB. */
@DisplayName("Restricted keys across two nodes on MariaDB")
class MariaDbRestrictedKeysAcrossNodesTest extends RestrictedKeysAcrossNodesContract {

    @Override
    TestDatabase database() {
        return TestDatabase.mariadb();
    }
}
