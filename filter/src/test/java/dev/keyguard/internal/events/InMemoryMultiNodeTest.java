package dev.keyguard.internal.events;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** Three nodes sharing one in-memory store in this JVM (each with its own cache and follower). */
@DisplayName("Three nodes on one in-memory store")
class InMemoryMultiNodeTest extends MultiNodeContract {

    private final TestDatabase database = TestDatabase.inMemoryStore();

    @Override
    TestDatabase database() {
        return database;
    }
}
