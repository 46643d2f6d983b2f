package dev.keyguard;

import dev.keyguard.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Usage per key on MariaDB")
class MariaDbKeyUsageTest extends KeyUsageContract {

    @Override
    protected TestDatabase database() {
        return TestDatabase.mariadb();
    }
}
