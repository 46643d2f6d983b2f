package dev.keyguard;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Rotation on the in-memory store")
class InMemoryApiKeyRotationTest extends ApiKeyRotationContract {

    @Override
    TestDatabase database() {
        return TestDatabase.inMemoryStore();
    }
}
