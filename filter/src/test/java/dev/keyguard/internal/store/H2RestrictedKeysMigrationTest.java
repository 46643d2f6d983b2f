package dev.keyguard.internal.store;

import dev.keyguard.testing.TestDatabase;

/** Schema version 4 over version 3 with keys, on H2. */
class H2RestrictedKeysMigrationTest extends RestrictedKeysMigrationContract {

    @Override
    TestDatabase server() {
        return TestDatabase.h2();
    }
}
