package dev.keyguard.internal;

import dev.keyguard.internal.cache.CachingKeyStore;
import dev.keyguard.internal.events.KeyEventFollower;
import dev.keyguard.internal.observe.Observer;
import dev.keyguard.internal.usage.UsageWriteBehind;
import dev.keyguard.spi.KeyStore;

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
 */
public record Internals(
        KeyStore store,
        CachingKeyStore cache,
        KeyEventFollower follower,
        UsageWriteBehind usage,
        Observer observer,
        Tuning tuning) {}
