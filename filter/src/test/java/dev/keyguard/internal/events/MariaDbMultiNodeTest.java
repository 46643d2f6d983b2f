package dev.keyguard.internal.events;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** Three nodes on one MariaDB: polling only. */
@DisplayName("Three nodes on MariaDB")
class MariaDbMultiNodeTest extends MultiNodeContract {

    @Override
    TestDatabase database() {
        return TestDatabase.mariadb();
    }
}
