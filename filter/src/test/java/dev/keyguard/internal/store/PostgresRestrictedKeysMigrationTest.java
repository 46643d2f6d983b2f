package dev.keyguard.internal.store;

import dev.keyguard.testing.TestDatabase;

/** Schema version 4 over version 3 with keys, on PostgreSQL. */
class PostgresRestrictedKeysMigrationTest extends RestrictedKeysMigrationContract {

    @Override
    TestDatabase server() {
        return TestDatabase.postgres();
    }
}
