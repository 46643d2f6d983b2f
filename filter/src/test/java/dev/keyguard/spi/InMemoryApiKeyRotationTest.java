package dev.keyguard.spi;

import dev.keyguard.ApiKeyRotationContract;
import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/**
 * {@link ApiKeyRotationContract} on {@link InMemoryKeyStore}, subclassed outside {@code
 * dev.keyguard} as a host's store test would be.
 */
@DisplayName("Rotation on the in-memory store")
class InMemoryApiKeyRotationTest extends ApiKeyRotationContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.inMemoryStore();
    }
}
