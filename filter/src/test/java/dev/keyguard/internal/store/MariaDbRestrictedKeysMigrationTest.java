package dev.keyguard.internal.store;

import dev.keyguard.testing.TestDatabase;

/** Schema version 4 over version 3 with keys, on MariaDB. */
class MariaDbRestrictedKeysMigrationTest extends RestrictedKeysMigrationContract {

    @Override
    TestDatabase server() {
        return TestDatabase.mariadb();
    }
}
