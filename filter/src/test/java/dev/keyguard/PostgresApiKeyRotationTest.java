package dev.keyguard;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Rotation on PostgreSQL")
class PostgresApiKeyRotationTest extends ApiKeyRotationContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}
