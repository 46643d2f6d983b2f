package dev.keyguard.admin.testing;

import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Keyguards on fresh in-memory H2 databases, declaring the scopes {@link #SCOPES}, and keys made
 * without HTTP.
 */
public final class TestKeyguards {

    /** The scopes the test apps declare ({@code keyguard.scopes}), besides {@code keys:manage}. */
    public static final List<String> SCOPES = List.of("leads:read", "leads:write");

    private TestKeyguards() {}

    /**
     * A Keyguard on its own new in-memory database. {@code lastUsedAt} is not flushed during a test
     * (an hour's interval): a flush falling between two requests on one runtime and not on the
     * other would make their recorded bodies differ.
     */
    public static Keyguard start(Clock clock) {
        return Keyguard.start(
                TestDatabase.h2()
                        .config()
                        .clock(clock)
                        .scopes(SCOPES)
                        .lastUsedFlushInterval(Duration.ofHours(1))
                        .build());
    }

    /** As {@link #start}, with {@code keyguard.cors.preflight-pass-through} switched on. */
    public static Keyguard startLettingPreflightsThrough(Clock clock) {
        return Keyguard.start(
                TestDatabase.h2()
                        .config()
                        .clock(clock)
                        .scopes(SCOPES)
                        .lastUsedFlushInterval(Duration.ofHours(1))
                        .corsPreflightPassThrough(true)
                        .build());
    }

    /** A Keyguard whose tables are dropped after it started: every call is UNAVAILABLE. */
    public static Keyguard startBroken(Clock clock) {
        TestDatabase database = TestDatabase.h2();
        Keyguard keyguard = Keyguard.start(database.config().clock(clock).build());
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP ALL OBJECTS");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return keyguard;
    }

    /** The first key of an organisation, as an operator would mint it. */
    public static CreatedApiKey firstKey(Keyguard keyguard, String organisationId) {
        return keyguard.service().create(new KeyOwner(organisationId, alice()), "Root key", null);
    }

    public static KeyUser alice() {
        return new KeyUser("user-alice", "Alice", "Smith", "alice@example.com");
    }
}
