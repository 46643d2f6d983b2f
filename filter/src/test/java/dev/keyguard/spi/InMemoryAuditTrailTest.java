package dev.keyguard.spi;

import dev.keyguard.AuditTrailContract;
import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/**
 * {@link AuditTrailContract} on {@link InMemoryKeyStore}, subclassed outside {@code dev.keyguard}
 * as a host's store test would be.
 */
@DisplayName("Audit trail on the in-memory store")
class InMemoryAuditTrailTest extends AuditTrailContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.inMemoryStore();
    }
}
