package dev.keyguard.internal.metrics;

import com.zaxxer.hikari.HikariDataSource;
import dev.keyguard.internal.Internals;
import dev.keyguard.internal.events.FeedHealth;
import dev.keyguard.internal.observe.Counts;
import dev.keyguard.internal.observe.Counts.Lookup;
import dev.keyguard.internal.observe.Outcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Keyguard's meters in one registry (docs/operations.md has the table; {@link #NAMES} lists
 * Keyguard's own), removed again by {@link #close()}, which the Keyguard calls when it closes, so
 * that a redeployed web app leaves no meter behind that holds its class loader. Every meter reads
 * what the parts count anyway ({@link Counts}, the cache's Caffeine statistics, the feed's health,
 * the write-behind): binding costs the request path nothing.
 *
 * <p>No tag holds a key, a hash, an organisation or an address: the tags are the outcome (a fixed
 * set), the look-up result (three values), the cache's name and what the host adds.
 */
public final class MeterBinding implements AutoCloseable {

    /** The name of the verification cache in the {@code cache.*} meters (tag {@code cache}). */
    public static final String CACHE_NAME = "keyguard.keys";

    public static final String VERIFICATIONS = "keyguard.verifications";
    public static final String STORE_LOOKUP = "keyguard.store.lookup";
    public static final String EVENTS_LAG = "keyguard.events.lag";
    public static final String EVENTS_LAST_SUCCESS = "keyguard.events.last.success";
    public static final String EVENTS_APPLIED = "keyguard.events.applied";
    public static final String CACHE_CLEARS = "keyguard.cache.clears";
    public static final String LAST_USED_PENDING = "keyguard.last.used.pending";
    public static final String LAST_USED_FLUSH_FAILURES = "keyguard.last.used.flush.failures";
    public static final String THROTTLE_BLOCKED = "keyguard.throttle.blocked";
    public static final String THROTTLE_BLOCKS = "keyguard.throttle.blocks";

    /** Keyguard's own meters, each bound by {@link #bind}. */
    public static final List<String> NAMES =
            List.of(
                    VERIFICATIONS,
                    STORE_LOOKUP,
                    EVENTS_LAG,
                    EVENTS_LAST_SUCCESS,
                    EVENTS_APPLIED,
                    CACHE_CLEARS,
                    LAST_USED_PENDING,
                    LAST_USED_FLUSH_FAILURES,
                    THROTTLE_BLOCKED,
                    THROTTLE_BLOCKS);

    private static final Logger LOG = LoggerFactory.getLogger(MeterBinding.class);

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    private MeterBinding(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Binds to {@code Metrics.globalRegistry}; see {@link #bind}. */
    static void bindGlobal(Internals internals, Clock clock) {
        bind(internals, clock, Metrics.globalRegistry, Tags.empty());
    }

    /**
     * Registers a running Keyguard's meters, tagged with {@code tags} besides their own, and the
     * pool's (HikariCP's own meters) when Keyguard made the pool and it reports to no registry yet.
     * The Keyguard removes them when it closes. A registry that already has the meters of a
     * Keyguard with the same tags is left alone (and it is said once): give each Keyguard its own
     * tags.
     *
     * <p>A Keyguard that counts nothing ({@code keyguard.metrics=false}) binds nothing, and says
     * so: switching the setting off must not break a host that binds its registry in code.
     */
    public static void bind(
            Internals internals, Clock clock, MeterRegistry registry, Iterable<Tag> tags) {
        Counts counts = internals.counts();
        if (counts == null) {
            LOG.info(
                    "Keyguard counts nothing ({} is false), so it binds no meters to this registry",
                    dev.keyguard.KeyguardConfig.METRICS.name());
            return;
        }
        Tags common = Tags.of(tags);
        if (alreadyBound(registry, common)) {
            LOG.warn(
                    "Keyguard's meters are already in this registry with the same tags ({});"
                            + " this Keyguard's are not bound: give each Keyguard tags of its own",
                    common);
            return;
        }
        MeterBinding binding = new MeterBinding(registry);
        binding.bindCounts(counts, common);
        binding.bindParts(internals, clock, counts, common);
        binding.bindCache(internals, common);
        internals.meterBindings().add(binding);
        if (internals.ownedPool() instanceof HikariDataSource pool
                && pool.getMetricRegistry() == null
                && pool.getMetricsTrackerFactory() == null) {
            pool.setMetricRegistry(registry);
        }
    }

    private static boolean alreadyBound(MeterRegistry registry, Tags common) {
        Set<Tag> wanted = new HashSet<>();
        common.and("outcome", Outcome.VALID.tag()).forEach(wanted::add);
        return registry.find(VERIFICATIONS).meters().stream()
                .anyMatch(meter -> new HashSet<>(meter.getId().getTags()).equals(wanted));
    }

    private void bindCounts(Counts counts, Tags common) {
        for (Outcome outcome : Outcome.values()) {
            add(
                    FunctionCounter.builder(VERIFICATIONS, counts, c -> c.outcomes(outcome))
                            .description(
                                    "API key checks (requests through the filter, and verify"
                                            + " calls) by how they ended")
                            .baseUnit("verifications")
                            .tags(common)
                            .tag("outcome", outcome.tag())
                            .register(registry));
        }
        for (Lookup result : Lookup.values()) {
            add(
                    FunctionTimer.builder(
                                    STORE_LOOKUP,
                                    counts,
                                    c -> c.lookups(result),
                                    c -> c.lookupNanos(result),
                                    TimeUnit.NANOSECONDS)
                            .description(
                                    "Look-ups of a key in the store on a cache miss, by result"
                                            + " (found, absent, failed)")
                            .tags(common)
                            .tag("result", result.tag())
                            .register(registry));
        }
        add(
                FunctionCounter.builder(THROTTLE_BLOCKS, counts, Counts::throttleStarts)
                        .description("Times a client address (IPv6: /64) was throttled")
                        .baseUnit("blocks")
                        .tags(common)
                        .register(registry));
        add(
                Gauge.builder(THROTTLE_BLOCKED, counts, Counts::blockedNow)
                        .description("Client addresses (IPv6: /64) throttled now")
                        .baseUnit("addresses")
                        .tags(common)
                        .register(registry));
    }

    private void bindParts(Internals internals, Clock clock, Counts counts, Tags common) {
        FeedHealth feed = internals.follower().health();
        add(
                TimeGauge.builder(EVENTS_LAG, feed, TimeUnit.NANOSECONDS, FeedHealth::lagNanos)
                        .description(
                                "Time since this node last read the key-event log completely:"
                                        + " how far behind other nodes' changes it may be")
                        .tags(common)
                        .register(registry));
        add(
                Gauge.builder(
                                EVENTS_LAST_SUCCESS,
                                feed,
                                f ->
                                        f.everCaughtUp()
                                                ? (clock.millis() - f.lagNanos() / 1_000_000)
                                                        / 1000.0
                                                : Double.NaN)
                        .description(
                                "When this node last read the key-event log completely, in seconds"
                                        + " since the epoch (NaN before the first read)")
                        .baseUnit("seconds")
                        .tags(common)
                        .register(registry));
        add(
                FunctionCounter.builder(
                                EVENTS_APPLIED, internals.follower(), f -> f.eventsApplied())
                        .description("Key events read from the log and applied to the cache")
                        .baseUnit("events")
                        .tags(common)
                        .register(registry));
        add(
                FunctionCounter.builder(CACHE_CLEARS, internals.follower(), f -> f.cacheClears())
                        .description(
                                "Times the whole cache was cleared because an event could have"
                                        + " been missed")
                        .baseUnit("clears")
                        .tags(common)
                        .register(registry));
        add(
                Gauge.builder(LAST_USED_PENDING, internals.usage(), w -> w.pendingCount())
                        .description("Keys whose last use is not yet written to lastUsedAt")
                        .baseUnit("keys")
                        .tags(common)
                        .register(registry));
        add(
                FunctionCounter.builder(
                                LAST_USED_FLUSH_FAILURES, internals.usage(), w -> w.failedFlushes())
                        .description(
                                "Batches of lastUsedAt that could not be written (each is"
                                        + " retried)")
                        .baseUnit("failures")
                        .tags(common)
                        .register(registry));
    }

    /** Caffeine's own binder; its meters are found by name and tag to be removed again. */
    private void bindCache(Internals internals, Tags common) {
        Set<Meter.Id> before = new HashSet<>();
        registry.getMeters().forEach(meter -> before.add(meter.getId()));
        new CaffeineCacheMetrics<>(internals.cache().caffeine(), CACHE_NAME, common)
                .bindTo(registry);
        for (Meter meter : registry.getMeters()) {
            if (!before.contains(meter.getId())
                    && CACHE_NAME.equals(meter.getId().getTag("cache"))) {
                meters.add(meter);
            }
        }
    }

    private void add(Meter meter) {
        meters.add(meter);
    }

    /** Removes the meters from the registry. */
    @Override
    public void close() {
        for (Meter meter : meters) {
            registry.remove(meter);
        }
        meters.clear();
    }
}
