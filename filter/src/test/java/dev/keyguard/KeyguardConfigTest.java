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

        assertThat(config.keyFormat().prefix()).isEqualTo("ll_");
        assertThat(config.dataDir()).isEqualTo(Path.of("keyguard-data"));
        assertThat(config.poolSize()).isEqualTo(KeyguardConfig.DEFAULT_POOL_SIZE);
        assertThat(config.autoMigrate()).isTrue();
        assertThat(config.jdbcUrl()).isNull();
    }

    @Test
    void parametersAreReadByTheirNames() {
        KeyguardConfig config = KeyguardConfig.from(Map.of(
                KeyguardConfig.JDBC_URL, "jdbc:postgresql://db/keys",
                KeyguardConfig.JDBC_USER, "kg",
                KeyguardConfig.POOL_SIZE, " 4 ",
                KeyguardConfig.KEY_PREFIX, "acme_",
                KeyguardConfig.AUTO_MIGRATE, "FALSE")::get).build();

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db/keys");
        assertThat(config.jdbcUser()).isEqualTo("kg");
        assertThat(config.poolSize()).isEqualTo(4);
        assertThat(config.keyFormat().prefix()).isEqualTo("acme_");
        assertThat(config.autoMigrate()).isFalse();
    }

    @Test
    void badValuesNameTheParameterAndTheValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KeyguardConfig.from(Map.of(KeyguardConfig.POOL_SIZE, "ten")::get))
                .withMessageContaining(KeyguardConfig.POOL_SIZE).withMessageContaining("ten");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KeyguardConfig.from(Map.of(KeyguardConfig.KEY_PREFIX, "ll")::get)
                        .build())
                .withMessageContaining("'ll'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KeyguardConfig.from(Map.of(KeyguardConfig.AUTO_MIGRATE, "yes")::get))
                .withMessageContaining(KeyguardConfig.AUTO_MIGRATE).withMessageContaining("yes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KeyguardConfig.from(Map.of(KeyguardConfig.JDBC_URL, "postgres://x")::get)
                        .build())
                .withMessageContaining(KeyguardConfig.JDBC_URL);
    }

    @Test
    void environmentVariableNamesAreUpperCaseWithUnderscores() {
        assertThat(KeyguardConfig.environmentName(KeyguardConfig.DATA_DIR)).isEqualTo("KEYGUARD_DATA_DIR");
        assertThat(KeyguardConfig.environmentName(KeyguardConfig.DATASOURCE_JNDI))
                .isEqualTo("KEYGUARD_DATASOURCE_JNDI");
    }
}
