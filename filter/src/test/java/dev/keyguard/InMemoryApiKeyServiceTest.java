package dev.keyguard;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Key lifecycle on the in-memory store")
class InMemoryApiKeyServiceTest extends ApiKeyServiceContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.inMemoryStore();
    }
}
