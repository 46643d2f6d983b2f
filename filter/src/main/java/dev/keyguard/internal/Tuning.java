package dev.keyguard.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.keyguard.internal.observe.Observer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What tests and benchmarks change in a Keyguard beyond its configuration: the nanosecond time
 * source of the caches and the throttle, where the caches run their maintenance, and extra
 * Hibernate settings (statistics), and one more observer of its decisions. Hosts have no way to set
 * these; the default is what production runs.
 *
 * @param ticker the time source of the caches and the throttle
 * @param cacheExecutor where Caffeine runs its maintenance
 * @param hibernateSettings extra settings of the Hibernate store, e.g. {@code
 *     hibernate.generate_statistics}
 * @param observer told everything Keyguard's own observers are told (a test's recorder), or {@link
 *     Observer#NONE}
 */
public record Tuning(
        Ticker ticker,
        Executor cacheExecutor,
        Map<String, Object> hibernateSettings,
        Observer observer) {

    /**
     * Caffeine's maintenance (eviction, expiry) runs on the calling thread, amortised over reads.
     * Handing it to a pool costs a thread wake-up every few reads, which measured as the largest
     * part of a cache hit (bench/NOTEBOOK.md); the work itself is small and bounded.
     */
    public static final Tuning DEFAULT =
            new Tuning(Ticker.systemTicker(), Runnable::run, Map.of(), Observer.NONE);

    public Tuning {
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(cacheExecutor, "cacheExecutor");
        hibernateSettings = Map.copyOf(hibernateSettings);
        Objects.requireNonNull(observer, "observer");
    }

    public Tuning withTicker(Ticker ticker) {
        return new Tuning(ticker, cacheExecutor, hibernateSettings, observer);
    }

    public Tuning withObserver(Observer observer) {
        return new Tuning(ticker, cacheExecutor, hibernateSettings, observer);
    }

    public Tuning withHibernateSetting(String name, Object value) {
        Map<String, Object> settings = new java.util.HashMap<>(hibernateSettings);
        settings.put(name, value);
        return new Tuning(ticker, cacheExecutor, settings, observer);
    }
}
