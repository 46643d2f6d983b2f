package dev.keyguard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.keyguard.Actor;
import dev.keyguard.ApiKey;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardException;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.internal.key.KeyHash;
import dev.keyguard.spi.StoredKey;
import dev.keyguard.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Hibernate at DEBUG and TRACE, and a database refusing a duplicate: no log line holds a key's
 * hash. Found by the reliability suite's log capture.
 */
class StoreLogsTest {

    /** Its own organisation per run: the PostgreSQL and MariaDB databases outlive the tests. */
    private static final KeyOwner OWNER =
            new KeyOwner(
                    "org-logs-" + UUID.randomUUID(),
                    new KeyUser("u", "Lo", "Gs", "logs@example.com"));

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger hibernate = (Logger) LoggerFactory.getLogger("org.hibernate");
    private Level rootLevel;
    private Level hibernateLevel;
    private Keyguard keyguard;

    private void start(String database) {
        keyguard = Keyguard.start(TestDatabase.named(database).config().build());
        rootLevel = root.getLevel();
        hibernateLevel = hibernate.getLevel();
        root.setLevel(Level.TRACE);
        hibernate.setLevel(Level.TRACE);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void stop() {
        root.detachAppender(appender);
        if (rootLevel != null) {
            root.setLevel(rootLevel);
            hibernate.setLevel(hibernateLevel);
        }
        if (keyguard != null) {
            keyguard.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB"})
    void hibernateNeverLogsAHashWhenItFlushesOrBinds(String database) {
        start(database);
        CreatedApiKey created = keyguard.service().create(OWNER, "logged", null);
        keyguard.verify(created.rawKey());
        keyguard.service().rotate(OWNER.organisationId(), created.key().id(), null);
        keyguard.service().revoke(OWNER.organisationId(), created.key().id());

        assertNoLineHolds(KeyHash.sha256Hex(created.rawKey()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB"})
    void aDuplicateHashIsRefusedWithoutADatabaseErrorThatQuotesIt(String database) {
        start(database);
        CreatedApiKey existing = keyguard.service().create(OWNER, "first", null);
        String hash = KeyHash.sha256Hex(existing.rawKey());
        ApiKey clash =
                new ApiKey(
                        "key_clash" + Long.toHexString(System.nanoTime()),
                        "clash",
                        "ll_0000000000",
                        OWNER,
                        Instant.now(),
                        null,
                        null);

        assertThatThrownBy(
                        () ->
                                KeyguardInternals.of(keyguard)
                                        .store()
                                        .insertWithinLimit(
                                                new StoredKey(clash, hash, null, null),
                                                100,
                                                Instant.now(),
                                                Actor.operator()))
                .isInstanceOfSatisfying(
                        KeyguardException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(KeyguardException.Reason.UNAVAILABLE));
        assertNoLineHolds(hash);
        assertThat(keyguard.verify(existing.rawKey())).isPresent();
    }

    private void assertNoLineHolds(String hash) {
        // Keyguard's background threads (key-event follower, write-behind) may log meanwhile;
        // the appender adds under its own lock, so copy under it.
        List<ILoggingEvent> events;
        synchronized (appender) {
            events = new ArrayList<>(appender.list);
        }
        List<String> leaks = new ArrayList<>();
        for (ILoggingEvent event : events) {
            StringBuilder text = new StringBuilder(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append(" | ").append(t.getMessage());
            }
            if (text.toString().toLowerCase().contains(hash)) {
                leaks.add(event.getLoggerName() + ": " + text);
            }
        }
        assertThat(events).isNotEmpty();
        assertThat(leaks).isEmpty();
    }
}
