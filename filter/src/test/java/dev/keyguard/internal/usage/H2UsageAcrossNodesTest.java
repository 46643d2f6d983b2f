package dev.keyguard.internal.usage;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Usage per key, two nodes on H2")
class H2UsageAcrossNodesTest extends UsageAcrossNodesContract {

    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
