package dev.keyguard.internal.usage;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Usage per key, two nodes on MariaDB")
class MariaDbUsageAcrossNodesTest extends UsageAcrossNodesContract {

    @Override
    TestDatabase database() {
        return TestDatabase.mariadb();
    }
}
