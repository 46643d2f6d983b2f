package dev.keyguard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The default when the host configures no database: an H2 file in the data directory. */
class EmbeddedDatabaseTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger dataSources = (Logger) LoggerFactory.getLogger(DataSources.class);

    @BeforeEach
    void captureLogs() {
        appender.start();
        dataSources.addAppender(appender);
    }

    @AfterEach
    void stopCapturing() {
        dataSources.detachAppender(appender);
    }

    private static final KeyOwner OWNER =
            new KeyOwner("acme", new KeyUser("u1", "A", "B", "a@b.c"));

    @Test
    void keysSurviveARestartOnTheSameDataDirectory(@TempDir Path dataDir) {
        String id;
        try (Keyguard first = Keyguard.start(KeyguardConfig.builder().dataDir(dataDir).build())) {
            id = first.service().create(OWNER, "kept", null).key().id();
        }

        try (Keyguard second = Keyguard.start(KeyguardConfig.builder().dataDir(dataDir).build())) {
            assertThat(second.service().list("acme")).extracting(k -> k.id()).containsExactly(id);
        }
        assertThat(Files.exists(dataDir.resolve("keyguard.mv.db"))).isTrue();
    }

    @Test
    void twoInstancesShareOneDataDirectoryAtOnce(@TempDir Path dataDir) {
        KeyguardConfig config = KeyguardConfig.builder().dataDir(dataDir).build();
        try (Keyguard server = Keyguard.start(config);
                Keyguard cli = Keyguard.start(config)) {
            cli.service().create(OWNER, "minted by the CLI", null);

            assertThat(server.service().list("acme")).hasSize(1);
        }
    }

    @Test
    void aHostThatNamesTheDataDirectoryIsToldAtInfo(@TempDir Path dataDir) {
        try (Keyguard keyguard =
                Keyguard.start(
                        KeyguardConfig.from(
                                        Map.of(KeyguardConfig.DATA_DIR.name(), dataDir.toString())
                                                ::get)
                                .build())) {
            assertThat(keyguard.service().list("acme")).isEmpty();
        }

        assertThat(appender.list)
                .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        tuple(
                                Level.INFO,
                                "Keyguard is using its embedded H2 database in "
                                        + dataDir.toAbsolutePath().normalize()));
    }

    @Test
    void aHostThatConfiguredNoDatabaseIsWarned(@TempDir Path dataDir) {
        try (HikariDataSource pool = DataSources.embeddedH2(dataDir, false, 1)) {
            assertThat(pool.getJdbcUrl()).startsWith("jdbc:h2:file:");
        }

        assertThat(appender.list)
                .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        tuple(
                                Level.WARN,
                                "Keyguard is using its embedded H2 database in "
                                        + dataDir.toAbsolutePath().normalize()
                                        + ": fine for a demo, but set a DataSource (JNDI or JDBC"
                                        + " URL) for production"));
    }
}
