package dev.keyguard;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Rotation on MariaDB")
class MariaDbApiKeyRotationTest extends ApiKeyRotationContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.mariadb();
    }
}
