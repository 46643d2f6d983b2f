package dev.keyguard;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Rotation on H2")
class H2ApiKeyRotationTest extends ApiKeyRotationContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}
