package dev.keyguard;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Audit trail on H2")
class H2AuditTrailTest extends AuditTrailContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}
