package dev.keyguard.spi;

import dev.keyguard.ApiKeyServiceContract;
import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/**
 * {@link ApiKeyServiceContract} on {@link InMemoryKeyStore}, subclassed outside {@code
 * dev.keyguard} as a host's store test would be.
 */
@DisplayName("Key lifecycle on the in-memory store")
class InMemoryApiKeyServiceTest extends ApiKeyServiceContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.inMemoryStore();
    }
}
