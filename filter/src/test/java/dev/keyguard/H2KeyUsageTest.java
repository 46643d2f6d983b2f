package dev.keyguard;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Usage per key on H2")
class H2KeyUsageTest extends KeyUsageContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}
