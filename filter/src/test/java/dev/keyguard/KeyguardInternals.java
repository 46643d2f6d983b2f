package dev.keyguard;

import dev.keyguard.internal.Internals;
import dev.keyguard.internal.Tuning;
import dev.keyguard.internal.store.HibernateKeyStore;
import dev.keyguard.internal.web.BearerAuthentication;
import org.hibernate.stat.Statistics;

/**
 * The test fixture's way into a running Keyguard: its parts (store, cache, follower, write-behind)
 * and a start with test settings. Tests and benchmarks use this; hosts cannot (it lives in the
 * test-jar, and what it reaches is package-private or internal).
 */
public final class KeyguardInternals {

    private KeyguardInternals() {}

    /** Starts a Keyguard with a fake ticker, a cache executor or Hibernate settings. */
    public static Keyguard start(KeyguardConfig config, Tuning tuning) {
        return Keyguard.start(config, tuning);
    }

    /** Starts a Keyguard whose Hibernate store keeps statistics ({@link #statistics}). */
    public static Keyguard startWithStatistics(KeyguardConfig config) {
        return Keyguard.start(
                config, Tuning.DEFAULT.withHibernateSetting("hibernate.generate_statistics", true));
    }

    /** The filter's pipeline on a Keyguard, as {@link ApiKeyFilter} builds it. */
    public static BearerAuthentication pipeline(Keyguard keyguard) {
        Tuning tuning = keyguard.internals().tuning();
        return new BearerAuthentication(
                keyguard::check,
                keyguard.config(),
                keyguard.format(),
                tuning.ticker(),
                tuning.cacheExecutor(),
                null,
                keyguard.observer());
    }

    /**
     * The environment variable of a parameter name, derived as for Keyguard's own parameters
     * ({@link Setting#environmentName()}): {@code keyguard.soak.seconds} gives {@code
     * KEYGUARD_SOAK_SECONDS}.
     */
    public static String environmentName(String name) {
        return Setting.environmentName(name);
    }

    public static Internals of(Keyguard keyguard) {
        return keyguard.internals();
    }

    /** The Hibernate statistics of a Keyguard on its Hibernate store. */
    public static Statistics statistics(Keyguard keyguard) {
        return ((HibernateKeyStore) keyguard.internals().store()).sessionFactory().getStatistics();
    }
}
