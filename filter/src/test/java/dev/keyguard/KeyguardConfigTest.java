package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyguardConfigTest {

    @Test
    void defaultsNeedNoParameterAtAll() {
        KeyguardConfig config = KeyguardConfig.from(Map.<String, String>of()::get).build();

        assertThat(config.keyPrefix()).isEqualTo("ll_");
        assertThat(config.dataDir()).isEqualTo(Path.of("keyguard-data"));
        assertThat(config.poolSize()).isEqualTo(KeyguardConfig.POOL_SIZE.defaultValue());
        assertThat(config.autoMigrate()).isTrue();
        assertThat(config.jdbcUrl()).isNull();
    }

    @Test
    void knowsWhetherTheDataDirectoryWasGivenOrLeftAtItsDefault() {
        assertThat(KeyguardConfig.builder().build().dataDirGiven()).isFalse();
        assertThat(KeyguardConfig.from(Map.<String, String>of()::get).build().dataDirGiven())
                .isFalse();
        assertThat(
                        KeyguardConfig.builder()
                                .dataDir(Path.of("keyguard-data"))
                                .build()
                                .dataDirGiven())
                .isTrue();
        assertThat(
                        KeyguardConfig.from(
                                        Map.of(KeyguardConfig.DATA_DIR.name(), "/srv/keys")::get)
                                .build()
                                .dataDirGiven())
                .isTrue();
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
}
