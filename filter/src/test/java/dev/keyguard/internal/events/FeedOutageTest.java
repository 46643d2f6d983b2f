package dev.keyguard.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardException;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.internal.store.DataSources;
import dev.keyguard.testing.SwitchableDataSource;
import dev.keyguard.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one H2 database; node B loses the database for a while, node A does not. What A
 * revoked meanwhile reaches B when B is back, from B's last event on, without clearing B's cache;
 * while B is cut off it keeps serving the keys it has cached (the documented worst case, the cache
 * TTL). The followers read only when told, so each step is deterministic.
 */
class FeedOutageTest {

    private static final KeyOwner OWNER = new KeyOwner("acme", new KeyUser("u", null, null, null));
    private final TestDatabase database = TestDatabase.h2();
    private HikariDataSource poolA;
    private HikariDataSource poolB;
    private SwitchableDataSource cableB;
    private Keyguard a;
    private Keyguard b;

    @BeforeEach
    void start() {
        poolA = DataSources.pooled(database.url(), database.user(), database.password(), 2);
        poolB = DataSources.pooled(database.url(), database.user(), database.password(), 2);
        cableB = new SwitchableDataSource(poolB);
        a = Keyguard.start(config().dataSource(poolA).build());
        b = Keyguard.start(config().dataSource(cableB).build());
    }

    private static KeyguardConfig.Builder config() {
        return KeyguardConfig.builder().eventsPollInterval(Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
        poolB.close();
        poolA.close();
    }

    @Test
    void revocationsMadeWhileANodeWasCutOffReachItWhenItIsBack() {
        CreatedApiKey revoked = a.service().create(OWNER, "revoked meanwhile", null);
        CreatedApiKey kept = a.service().create(OWNER, "kept", null);
        assertThat(b.verify(revoked.rawKey())).isPresent();
        assertThat(b.verify(kept.rawKey())).isPresent();
        KeyguardInternals.of(b).follower().catchUp();

        cableB.down();
        assertThatThrownBy(() -> KeyguardInternals.of(b).follower().catchUp())
                .isInstanceOf(KeyguardException.class);
        a.service().revoke("acme", revoked.key().id());
        assertThat(b.verify(revoked.rawKey())).as("cut off: served from B's cache").isPresent();
        cableB.up();
        KeyguardInternals.of(b).follower().catchUp();

        assertThat(b.verify(revoked.rawKey())).isEmpty();
        assertThat(b.verify(kept.rawKey())).isPresent();
        assertThat(KeyguardInternals.of(b).follower().cacheClears()).isZero();
    }

    @Test
    void eventsPrunedPastANodesMarkWhileItWasCutOffClearItsCache() {
        CreatedApiKey revoked = a.service().create(OWNER, "revoked meanwhile", null);
        assertThat(b.verify(revoked.rawKey())).isPresent();
        KeyguardInternals.of(b).follower().catchUp();

        cableB.down();
        assertThatThrownBy(() -> KeyguardInternals.of(b).follower().catchUp())
                .isInstanceOf(KeyguardException.class);
        a.service().revoke("acme", revoked.key().id());
        a.service().create(OWNER, "newest", null);
        try (var c = database.connect();
                var s = c.createStatement()) {
            s.executeUpdate(
                    "DELETE FROM keyguard_key_event WHERE id < (SELECT MAX(id)"
                            + " FROM keyguard_key_event)");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        cableB.up();
        KeyguardInternals.of(b).follower().catchUp();

        assertThat(KeyguardInternals.of(b).follower().cacheClears()).isEqualTo(1);
        assertThat(b.verify(revoked.rawKey())).isEmpty();
    }
}
