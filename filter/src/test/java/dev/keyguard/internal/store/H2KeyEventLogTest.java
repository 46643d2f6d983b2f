package dev.keyguard.internal.store;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Audit trail and key-event log on H2")
class H2KeyEventLogTest extends KeyEventLogContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}
