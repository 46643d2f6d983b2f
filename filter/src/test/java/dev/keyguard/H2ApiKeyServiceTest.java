package dev.keyguard;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Key lifecycle on H2")
class H2ApiKeyServiceTest extends ApiKeyServiceContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}
