package dev.keyguard;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Audit trail on PostgreSQL")
class PostgresAuditTrailTest extends AuditTrailContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}
