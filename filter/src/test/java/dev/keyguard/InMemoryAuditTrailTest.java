package dev.keyguard;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Audit trail on the in-memory store")
class InMemoryAuditTrailTest extends AuditTrailContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.inMemoryStore();
    }
}
