package dev.keyguard;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Key lifecycle on MariaDB")
class MariaDbApiKeyServiceTest extends ApiKeyServiceContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.mariadb();
    }
}
