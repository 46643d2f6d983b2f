package dev.keyguard.spi;

import dev.keyguard.KeyUsageContract;
import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/**
 * {@link KeyUsageContract} on {@link InMemoryKeyStore}, subclassed outside {@code dev.keyguard}.
 */
@DisplayName("Usage per key on the in-memory store")
class InMemoryKeyUsageTest extends KeyUsageContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.inMemoryStore();
    }
}
