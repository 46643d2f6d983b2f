package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.spi.InMemoryKeyStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyguardConfigTest {

    @Test
    void defaultsNeedNoParameterAtAll() {
        KeyguardConfig config = KeyguardConfig.from(Map.<String, String>of()::get).build();

        assertThat(config.keyPrefix()).isEqualTo("ll_");
        assertThat(config.dataDir()).isNull();
        assertThat(config.poolSize()).isEqualTo(KeyguardConfig.POOL_SIZE.defaultValue());
        assertThat(config.autoMigrate()).isTrue();
        assertThat(config.jdbcUrl()).isNull();
    }

    @Test
    void parametersAreReadByTheirNames() {
        KeyguardConfig config =
                KeyguardConfig.from(
                                Map.of(
                                                KeyguardConfig.JDBC_URL.name(),
                                                        "jdbc:postgresql://db/keys",
                                                KeyguardConfig.JDBC_USER.name(), "kg",
                                                KeyguardConfig.POOL_SIZE.name(), " 4 ",
                                                KeyguardConfig.KEY_PREFIX.name(), "acme_",
                                                KeyguardConfig.AUTO_MIGRATE.name(), "FALSE")
                                        ::get)
                        .build();

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db/keys");
        assertThat(config.jdbcUser()).isEqualTo("kg");
        assertThat(config.poolSize()).isEqualTo(4);
        assertThat(config.keyPrefix()).isEqualTo("acme_");
        assertThat(config.autoMigrate()).isFalse();
    }

    @Test
    void badValuesNameTheParameterAndTheValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                KeyguardConfig.from(
                                        Map.of(KeyguardConfig.POOL_SIZE.name(), "ten")::get))
                .withMessageContaining(KeyguardConfig.POOL_SIZE.name())
                .withMessageContaining("ten");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                KeyguardConfig.from(
                                                Map.of(KeyguardConfig.KEY_PREFIX.name(), "ll")::get)
                                        .build())
                .withMessageContaining("'ll'");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                KeyguardConfig.from(
                                        Map.of(KeyguardConfig.AUTO_MIGRATE.name(), "yes")::get))
                .withMessageContaining(KeyguardConfig.AUTO_MIGRATE.name())
                .withMessageContaining("yes");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                KeyguardConfig.from(
                                                Map.of(
                                                                KeyguardConfig.JDBC_URL.name(),
                                                                "postgres://x")
                                                        ::get)
                                        .build())
                .withMessageContaining(KeyguardConfig.JDBC_URL.name());
    }

    @Test
    void environmentVariableNamesAreUpperCaseWithUnderscores() {
        assertThat(KeyguardConfig.DATA_DIR.environmentName()).isEqualTo("KEYGUARD_DATA_DIR");
        assertThat(KeyguardConfig.DATASOURCE_JNDI.environmentName())
                .isEqualTo("KEYGUARD_DATASOURCE_JNDI");
    }

    @Test
    void aStoreGivenInCodeRefusesDatabaseSettingsBesideIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                KeyguardConfig.builder()
                                        .store(new InMemoryKeyStore())
                                        .jdbc("jdbc:h2:mem:x", "sa", "")
                                        .build())
                .withMessageContaining("keyguard.jdbc.url");
        assertThat(KeyguardConfig.builder().store(new InMemoryKeyStore()).build().store())
                .isInstanceOf(InMemoryKeyStore.class);
    }

    @Test
    void aStoreGivenInCodeRefusesADataSourceOrAJndiNameBesideIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                KeyguardConfig.builder()
                                        .store(new InMemoryKeyStore())
                                        .dataSource(new org.h2.jdbcx.JdbcDataSource())
                                        .build())
                .withMessageContaining("a DataSource");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                KeyguardConfig.builder()
                                        .store(new InMemoryKeyStore())
                                        .jndiName("java:comp/env/jdbc/keys")
                                        .build())
                .withMessageContaining("keyguard.datasource.jndi");
    }

    @Test
    void neitherTheToStringNorAMessageShowsAPasswordOrTheCredentialsOfAUrl() {
        String url = "jdbc:postgresql://kg:S3cret@db/keys?user=kg&password=S3cret&ssl=true";
        KeyguardConfig config =
                KeyguardConfig.from(
                                Map.of(
                                                KeyguardConfig.JDBC_URL.name(),
                                                url,
                                                KeyguardConfig.JDBC_PASSWORD.name(),
                                                "S3cret")
                                        ::get)
                        .build();

        assertThat(config.toString())
                .doesNotContain("S3cret")
                .contains("jdbc:postgresql://<redacted>@db/keys?user=<redacted>")
                .contains("ssl=true")
                .contains("keyguard.jdbc.password=<redacted>");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                KeyguardConfig.from(
                                        Map.of(
                                                        KeyguardConfig.JDBC_URL.name(),
                                                        "postgresql://kg:S3cret@db/keys")
                                                ::get))
                .withMessageContaining("keyguard.jdbc.url")
                .withMessageNotContaining("S3cret");
    }

    @Test
    void aPasswordIsTakenAsTypedNotTrimmed() {
        KeyguardConfig config =
                KeyguardConfig.from(Map.of(KeyguardConfig.JDBC_PASSWORD.name(), " pw ")::get)
                        .build();

        assertThat(config.jdbcPassword()).isEqualTo(" pw ");
    }

    @Test
    void aDurationTooLongToComputeWithIsRefusedNamingTheParameter() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                KeyguardConfig.from(
                                        Map.of(KeyguardConfig.CACHE_TTL.name(), "200000d")::get))
                .withMessage("Invalid keyguard.cache.ttl '200000d': use 1ms to 3650d, e.g. 5m");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                KeyguardConfig.builder()
                                        .eventsRetention(java.time.Duration.ofNanos(500))
                                        .build())
                .withMessageContaining("'500ns'");
    }

    @Test
    void theChecksumIsRequiredAndTheLookUpBudgetIsOnByDefaultAndBothAreReadByName() {
        KeyguardConfig defaults = KeyguardConfig.builder().build();
        assertThat(defaults.keysAcceptWithoutChecksum()).isFalse();
        assertThat(defaults.throttleLookupsPerSecond()).isEqualTo(100);
        assertThat(defaults.throttleLookupBurst()).isEqualTo(200);

        KeyguardConfig read =
                KeyguardConfig.from(
                                Map.of(
                                                "keyguard.keys.accept-without-checksum",
                                                "true",
                                                "keyguard.throttle.lookups-per-second",
                                                "0",
                                                "keyguard.throttle.lookup-burst",
                                                "50")
                                        ::get)
                        .build();
        assertThat(read.keysAcceptWithoutChecksum()).isTrue();
        assertThat(read.throttleLookupsPerSecond()).isZero();
        assertThat(read.throttleLookupBurst()).isEqualTo(50);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KeyguardConfig.builder().throttleLookupBurst(1).build())
                .withMessage("Invalid keyguard.throttle.lookup-burst '1': use 2 to 1000000");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KeyguardConfig.builder().throttleLookupsPerSecond(-1).build())
                .withMessageContaining("keyguard.throttle.lookups-per-second");
    }

    @Test
    void credentialsInJdbcUrlsOfEveryShapeAreNeverShown() {
        for (String url :
                List.of(
                        "jdbc:mysql://u:hunter2@h/db",
                        "jdbc:mariadb://u:hunter2@ss@h/db",
                        "jdbc:postgresql://h/db?password=hunter2&user=u",
                        "jdbc:postgresql://h/db?sslpassword=hunter2",
                        "jdbc:mariadb://h/db?trustStorePassword=hunter2",
                        "jdbc:sqlserver://h;user=u;password=hunter2",
                        "jdbc:sqlserver://h;password={a;hunter2}",
                        "jdbc:h2:mem:x;PASSWORD=hunter2",
                        "jdbc:oracle:thin:scott/hunter2@h:1521/db")) {
            String shown =
                    KeyguardConfig.from(Map.of(KeyguardConfig.JDBC_URL.name(), url)::get)
                            .build()
                            .toString();

            assertThat(shown).as(url).doesNotContain("hunter2").contains("<redacted>");
        }
    }

    @Test
    void aUrlNoDriverTakesFailsTheStartWithoutShowingItsCredentials() {
        assertThatThrownBy(
                        () ->
                                Keyguard.start(
                                        KeyguardConfig.builder()
                                                .jdbc("jdbc:nosuchdb://u:hunter2@h/db", "u", "pw")
                                                .build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jdbc:nosuchdb://<redacted>@h/db")
                .hasMessageNotContaining("hunter2")
                .hasNoCause();
    }
}
