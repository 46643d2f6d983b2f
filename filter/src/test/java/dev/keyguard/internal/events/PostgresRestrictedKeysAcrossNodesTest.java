package dev.keyguard.internal.events;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** Restricted keys changed on one node, or by SQL, enforced by another: PostgreSQL. */
@DisplayName("Restricted keys across two nodes on PostgreSQL")
class PostgresRestrictedKeysAcrossNodesTest extends RestrictedKeysAcrossNodesContract {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
