package dev.keyguard.admin.testing;

import dev.keyguard.ApiKey;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** Keyguards on fresh in-memory H2 databases, and keys made without HTTP. */
public final class TestKeyguards {

    private TestKeyguards() {
    }

    /**
     * A Keyguard on its own new in-memory database. Its lastUsedAt write-behind does not flush
     * during a test run (tests that need a last use record it directly): a flush landing between
     * two requests in one runtime's run and not in the other's made the recorded bodies differ.
     */
    public static Keyguard start(Clock clock) {
        return Keyguard.start(KeyguardConfig.builder()
                .jdbc(newUrl(), "sa", "")
                .poolSize(4)
                .clock(clock)
                .lastUsedFlushInterval(Duration.ofHours(1))
                .build());
    }

    /** A Keyguard whose tables are dropped after it started: every call is UNAVAILABLE. */
    public static Keyguard startBroken(Clock clock) {
        String url = newUrl();
        Keyguard keyguard = Keyguard.start(KeyguardConfig.builder()
                .jdbc(url, "sa", "").poolSize(2).clock(clock).build());
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
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

    public static String keyId(CreatedApiKey key) {
        ApiKey metadata = key.key();
        return metadata.id();
    }

    private static String newUrl() {
        return "jdbc:h2:mem:admin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
}
