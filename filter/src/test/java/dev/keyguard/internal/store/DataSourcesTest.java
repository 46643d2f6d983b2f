package dev.keyguard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keyguard names the driver itself, so a container's DriverManager need not know it. */
class DataSourcesTest {

    @Test
    void theDriverForAUrlIsFoundOnKeyguardsOwnClassPath() {
        assertThat(DataSources.driverFor("jdbc:h2:mem:x")).isEqualTo("org.h2.Driver");
        assertThat(DataSources.driverFor("jdbc:postgresql://127.0.0.1/db"))
                .isEqualTo("org.postgresql.Driver");
        assertThat(DataSources.driverFor("jdbc:mariadb://127.0.0.1/db"))
                .isEqualTo("org.mariadb.jdbc.Driver");
        assertThat(DataSources.driverFor("jdbc:nosuchdb://x")).isNull();
    }
}
