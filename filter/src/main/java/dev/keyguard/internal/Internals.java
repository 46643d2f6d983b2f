package dev.keyguard.internal;

import dev.keyguard.internal.cache.CachingKeyStore;
import dev.keyguard.internal.events.KeyEventFollower;
import dev.keyguard.internal.observe.Counts;
import dev.keyguard.internal.observe.Observer;
import dev.keyguard.internal.usage.UsageWriteBehind;
import dev.keyguard.spi.KeyStore;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The parts of one running Keyguard, for its own wiring and for the test fixture; a host never sees
 * them.
 *
 * @param store the store under the cache
 * @param cache the verification cache in front of it
 * @param follower the follower of the key-event log
 * @param usage the write-behind of {@code lastUsedAt} and the usage counts
 * @param observer what watches the decisions: metrics, the security log
 * @param tuning what tests changed, or {@link Tuning#DEFAULT}
 * @param counts what the meters read, or {@code null} when nothing is counted (metrics off, or no
 *     Micrometer)
 * @param ownedPool the connection pool Keyguard made (for its meters), or {@code null} for the
 *     host's DataSource or store
 * @param meterBindings what to undo when Keyguard closes: its meters in each registry they were
 *     bound to (thread-safe)
 */
public record Internals(
        KeyStore store,
        CachingKeyStore cache,
        KeyEventFollower follower,
        UsageWriteBehind usage,
        Observer observer,
        Tuning tuning,
        Counts counts,
        DataSource ownedPool,
        List<AutoCloseable> meterBindings) {

    private static volatile Function<Object, Internals> access;

    /**
     * Called once by {@code dev.keyguard.Keyguard}: how its parts are found from outside its
     * package, for Keyguard's own public binders in other packages (the Micrometer binder). The
     * parameter is typed {@code Object} so that this package does not depend on the entry points.
     */
    public static void allowAccess(Function<Object, Internals> accessor) {
        if (access == null) {
            access = Objects.requireNonNull(accessor, "accessor");
        }
    }

    /** The parts of a running {@code dev.keyguard.Keyguard}. */
    public static Internals of(Object keyguard) {
        Objects.requireNonNull(keyguard, "keyguard");
        return access.apply(keyguard);
    }
}
