package dev.keyguard.internal.events;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** Three nodes on one in-memory H2 database (one JVM, three pools): polling only. */
@DisplayName("Three nodes on H2")
class H2MultiNodeTest extends MultiNodeContract {

    private final TestDatabase database = TestDatabase.h2();

    @Override
    TestDatabase database() {
        return database;
    }
}
