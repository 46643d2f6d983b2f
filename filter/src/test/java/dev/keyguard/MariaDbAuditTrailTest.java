package dev.keyguard;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Audit trail on MariaDB")
class MariaDbAuditTrailTest extends AuditTrailContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.mariadb();
    }
}
