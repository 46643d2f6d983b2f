package dev.keyguard.internal.store;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Audit trail and key-event log on PostgreSQL")
class PostgresKeyEventLogTest extends KeyEventLogContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}
