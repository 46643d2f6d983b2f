package dev.keyguard;

import dev.keyguard.internal.Internals;
import dev.keyguard.internal.Tuning;
import dev.keyguard.internal.cache.CachedAnswer;
import dev.keyguard.internal.cache.CachingKeyStore;
import dev.keyguard.internal.cache.Revalidation;
import dev.keyguard.internal.events.FeedHealth;
import dev.keyguard.internal.events.KeyEventFollower;
import dev.keyguard.internal.health.HealthProbe;
import dev.keyguard.internal.key.KeyDigest;
import dev.keyguard.internal.key.KeyFormat;
import dev.keyguard.internal.local.CommandHelp;
import dev.keyguard.internal.local.KeyCommands;
import dev.keyguard.internal.local.KeyOperations;
import dev.keyguard.internal.local.LocalCommandSocket;
import dev.keyguard.internal.logging.LogProviderCheck;
import dev.keyguard.internal.lookup.LookupBudget;
import dev.keyguard.internal.lookup.Verification;
import dev.keyguard.internal.metrics.MetricsSupport;
import dev.keyguard.internal.observe.Counts;
import dev.keyguard.internal.observe.Observer;
import dev.keyguard.internal.observe.Outcome;
import dev.keyguard.internal.rights.ScopeVocabulary;
import dev.keyguard.internal.security.SecurityLog;
import dev.keyguard.internal.store.HibernateStores;
import dev.keyguard.internal.store.OpenedStore;
import dev.keyguard.internal.store.StoreOptions;
import dev.keyguard.internal.usage.UsageWriteBehind;
import dev.keyguard.spi.StoredKey;
import dev.keyguard.spi.UsageCount;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Keyguard: its store (behind the verification cache), the {@link ApiKeyService}, the
 * write-behind of {@code lastUsedAt} and the usage counts, and the follower of the key-event log
 * that brings changes made on other nodes into the cache. A host may run several side by side
 * (nothing is static). Start it once, share it, and {@link #close()} it on shutdown. Thread-safe.
 */
public final class Keyguard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Keyguard.class);

    /** Longest {@link #health()} waits for the database's answer. */
    private static final Duration HEALTH_WAIT = Duration.ofSeconds(1);

    static {
        // Keyguard's own binders in other packages (dev.keyguard.micrometer) reach the parts.
        Internals.allowAccess(keyguard -> ((Keyguard) keyguard).internals);
    }

    private final KeyguardConfig config;
    private final KeyFormat format;
    private final OpenedStore opened;
    private final Internals internals;
    private final ApiKeyService service;
    private final LookupBudget lookups;
    private final boolean acceptsWithoutChecksum;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final HealthProbe healthProbe;

    /** The command line's socket in the embedded database's directory, or {@code null}. */
    private volatile LocalCommandSocket localCommands;

    private Keyguard(
            KeyguardConfig config,
            KeyFormat format,
            ApiKeyService service,
            OpenedStore opened,
            Internals internals) {
        this.config = config;
        this.format = format;
        this.service = service;
        this.opened = opened;
        this.internals = internals;
        this.acceptsWithoutChecksum = config.keysAcceptWithoutChecksum();
        String instance = Integer.toHexString(System.identityHashCode(opened));
        this.healthProbe =
                opened.dataSource() != null
                        ? HealthProbe.of(
                                opened.dataSource(), "keyguard-health-" + instance, HEALTH_WAIT)
                        : HealthProbe.of(
                                opened.store(), "keyguard-health-" + instance, HEALTH_WAIT);
        this.lookups =
                new LookupBudget(
                        config.throttleLookupsPerSecond(),
                        config.throttleLookupBurst(),
                        internals.tuning().ticker());
    }

    /**
     * Puts the parts together on an opened store. If a part cannot start, the parts started before
     * it are stopped again (and the caller closes the store): a failed start in a web app leaves no
     * thread behind.
     */
    private static Keyguard assemble(KeyguardConfig config, Tuning tuning, OpenedStore opened) {
        // Threads are named after the store: two Keyguards in one JVM can be told apart.
        String instance = Integer.toHexString(System.identityHashCode(opened));
        Duration pollInterval = pollInterval(config, opened.listenConnection() != null);
        // One time source for the cache, the feed's health and its follower: a cache hit that
        // asks whether the feed is current uses the time it read for the look-up.
        FeedHealth feedHealth = FeedHealth.forPollInterval(tuning.ticker(), pollInterval);
        // Counted only for Micrometer: without it (or with metrics off) nothing counts.
        Counts counts =
                config.metrics() && MetricsSupport.micrometerPresent() ? new Counts() : null;
        CachingKeyStore cache =
                new CachingKeyStore(
                        opened.store(),
                        config.cacheMaximumSize(),
                        config.cacheTtl(),
                        new Revalidation(
                                config.cacheRevalidateAfter(),
                                pollInterval,
                                feedHealth::isCurrentAt),
                        config.clock(),
                        tuning.ticker(),
                        tuning.cacheExecutor(),
                        counts);
        KeyFormat format = KeyFormat.withPrefix(config.keyPrefix());
        Observer observer = observer(tuning, counts);
        ApiKeyService service =
                new ApiKeyService(
                        cache,
                        format,
                        config.clock(),
                        new SecureRandom(),
                        new ScopeVocabulary(config.scopes()),
                        config.usageRetention(),
                        observer);
        UsageWriteBehind usage =
                UsageWriteBehind.start(
                        new UsageWriteBehind.UsageSink() {
                            @Override
                            public void addCounts(List<UsageCount> counts) {
                                cache.recordUsage(counts);
                            }

                            @Override
                            public void writeLastUsed(Map<String, Instant> lastUsedByKeyId) {
                                cache.recordLastUsed(lastUsedByKeyId);
                            }

                            @Override
                            public int purge(LocalDate before) {
                                return cache.purgeUsage(before);
                            }
                        },
                        config.lastUsedFlushInterval(),
                        config.clock(),
                        config.usageRetention(),
                        "keyguard-usage-flush-" + instance);
        try {
            KeyEventFollower follower =
                    KeyEventFollower.start(
                            opened.store(),
                            cache,
                            feedHealth,
                            pollInterval,
                            config.eventsRetention(),
                            opened.listenConnection(),
                            observer::tick,
                            "keyguard-key-events-" + instance);
            return new Keyguard(
                    config,
                    format,
                    service,
                    opened,
                    new Internals(
                            opened.store(),
                            cache,
                            follower,
                            usage,
                            observer,
                            tuning,
                            counts,
                            opened.ownedPool(),
                            new CopyOnWriteArrayList<>()));
        } catch (RuntimeException | Error e) {
            usage.close();
            throw e;
        }
    }

    /**
     * Everything that watches this Keyguard's decisions: the security log, the counts of its meters
     * (when it counts), and what the tuning adds (a test's recorder).
     */
    private static Observer observer(Tuning tuning, Counts counts) {
        return Observer.all(new SecurityLog(tuning.ticker()), counts, tuning.observer());
    }

    /**
     * The interval given, else the default for how the follower is woken: with {@code LISTEN} the
     * poll is a safety net, without it the poll is the bound for a change made on another node.
     */
    private static Duration pollInterval(KeyguardConfig config, boolean listening) {
        Duration chosen =
                config.eventsPollInterval() != null
                        ? config.eventsPollInterval()
                        : listening
                                ? KeyguardConfig.DEFAULT_POLL_INTERVAL_WITH_LISTEN
                                : KeyguardConfig.DEFAULT_POLL_INTERVAL;
        LOG.info(
                "Keyguard reads the key-event log every {} ms{}",
                chosen.toMillis(),
                listening ? ", and at once when PostgreSQL notifies an event" : "");
        return chosen;
    }

    /**
     * Opens the store (a {@link KeyguardConfig.Builder#store store} given in code, or Keyguard's
     * Hibernate store on the configured database, whose schema it migrates unless switched off),
     * then starts the {@code lastUsedAt} flush and the key-event follower. If SLF4J has no
     * provider, says once on standard error that Keyguard's logs are dropped.
     *
     * @throws IllegalStateException if the Hibernate ORM on the class path is not one Keyguard's
     *     store runs on (6.6 or 7.x; refused before any connection is made), or the database cannot
     *     be reached or is not supported
     */
    public static Keyguard start(KeyguardConfig config) {
        return start(config, Tuning.DEFAULT);
    }

    /** As {@link #start(KeyguardConfig)} with test settings; for the test fixture. */
    static Keyguard start(KeyguardConfig config, Tuning tuning) {
        LogProviderCheck.sayIfLogsAreDropped();
        OpenedStore opened =
                config.store() != null
                        ? OpenedStore.given(config.store())
                        : HibernateStores.open(
                                new StoreOptions(
                                        config.dataSource(),
                                        config.jndiName(),
                                        config.jdbcUrl(),
                                        config.jdbcUser(),
                                        config.jdbcPassword(),
                                        config.poolSize(),
                                        config.dataDir(),
                                        config.autoMigrate(),
                                        config.eventsListen(),
                                        tuning.hibernateSettings()));
        Keyguard keyguard;
        try {
            keyguard = assemble(config, tuning, opened);
        } catch (RuntimeException | Error e) {
            closeQuietly(opened);
            throw e;
        }
        keyguard.bindGlobalMeters();
        if (isEmbedded(config)) {
            try {
                keyguard.serveLocalCommands();
            } catch (RuntimeException | Error e) {
                keyguard.close();
                throw e;
            }
        }
        return keyguard;
    }

    /**
     * {@link KeyguardConfig#METRICS_GLOBAL}: the meters in Micrometer's global registry, when it is
     * on the class path. A failure costs the meters, never the start.
     */
    private void bindGlobalMeters() {
        if (internals.counts() == null || !config.metricsGlobal()) {
            return;
        }
        try {
            MetricsSupport.bindGlobal(internals, config.clock());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn(
                    "Keyguard could not bind its meters to Micrometer's global registry: {}",
                    e.toString());
        }
    }

    /** Whether it runs on the embedded database, which no other process may open. */
    private static boolean isEmbedded(KeyguardConfig config) {
        return config.store() == null
                && config.dataSource() == null
                && config.jndiName() == null
                && config.jdbcUrl() == null
                && config.dataDir() != null;
    }

    /**
     * On the embedded database, which no other process can open while this one has it, serves the
     * command line's key commands ({@code keyguard-cli.jar}) on a socket in the data directory,
     * which only this process's user can reach. Where it cannot (no Unix domain sockets, a path too
     * long for one), Keyguard runs on and says so: the command line then works while no Keyguard
     * runs on the directory.
     */
    private void serveLocalCommands() {
        KeyCommands commands =
                new KeyCommands(
                        new KeyOperations(
                                service::create, service::list, service::revoke, service::rotate),
                        config.clock());
        String instance = Integer.toHexString(System.identityHashCode(opened));
        try {
            localCommands =
                    LocalCommandSocket.serve(
                            config.dataDir(),
                            "keyguard-local-commands-" + instance,
                            (arguments, out, err) -> {
                                // Only a known command word: anything else may be a pasted key.
                                LOG.info(
                                        "Keyguard runs '{}' from the command line",
                                        !arguments.isEmpty()
                                                        && CommandHelp.isCommand(arguments.get(0))
                                                ? arguments.get(0)
                                                : "an unknown command");
                                return commands.run(arguments, out, err);
                            });
            LOG.info(
                    "The command line (keyguard-cli.jar --data-dir {}) reaches this Keyguard"
                            + " through {}",
                    config.dataDir(),
                    LocalCommandSocket.FILE_NAME);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn(
                    "The command line cannot reach this Keyguard while it runs (stop it to manage"
                            + " keys with keyguard-cli.jar): {}",
                    e.toString());
        }
    }

    /**
     * Checks a key as presented by a client: its format and checksum, then its hash against the
     * cache and, on a miss, the store, within this node's budget of look-ups for keys that turn out
     * not to be valid ({@link KeyguardConfig#THROTTLE_LOOKUPS_PER_SECOND}). A key that passes is
     * recorded as used (written behind).
     *
     * <p>It checks the key alone: a caller that has the client's address checks the key's {@link
     * KeyguardPrincipal#allowedIps()} itself ({@code allows(request.getRemoteAddr())}), and the
     * scopes it needs with {@link KeyguardPrincipal#hasScope}, as the filter does.
     *
     * @param presentedKey the key as sent, may be {@code null}
     * @return who called, or empty if the key is malformed, has a wrong checksum, or is unknown,
     *     revoked or expired (the caller cannot tell which)
     * @throws KeyguardException {@code UNAVAILABLE} if the key is not cached and the store cannot
     *     be reached, or the look-up budget is spent, or the store returned the key without an id
     *     or an owner (a broken row: nobody can hold it)
     */
    public Optional<KeyguardPrincipal> verify(String presentedKey) {
        Verification verification;
        try {
            verification = check(presentedKey, client -> false, null);
        } catch (KeyguardException e) {
            internals.observer().outcome(Outcome.UNAVAILABLE);
            throw e;
        }
        internals.observer().outcome(verification.outcome());
        if (verification.outcome() == Outcome.UNAVAILABLE) {
            throw KeyguardException.unavailable(null);
        }
        return Optional.ofNullable(verification.principal());
    }

    /**
     * As {@link #verify}, telling the filter what happened (which reports it to the {@link
     * Observer} itself, with the request's final outcome): a key with a wrong shape or checksum
     * touches neither the cache nor the store; a miss asks {@code suspect} about the client and
     * takes a look-up from the budget first, and gives it back if the key turns out valid.
     */
    <C> Verification check(String presentedKey, Predicate<C> suspect, C client) {
        byte[] keyBytes = format.wellFormedBytes(presentedKey);
        if (keyBytes == null) {
            return Verification.MALFORMED;
        }
        if (!acceptsWithoutChecksum && !format.hasValidChecksum(keyBytes)) {
            return Verification.CHECKSUM;
        }
        KeyDigest digest = KeyDigest.ofKeyBytes(keyBytes);
        CachingKeyStore cache = internals.cache();
        // The wall clock in milliseconds: what the expiry and the usage need, read once, no
        // Instant.
        long nowMillis = config.clock().millis();
        CachedAnswer answer = cache.answerIfCached(digest);
        if (answer == null) {
            if (!lookups.tryTake(suspect.test(client))) {
                return Verification.NOT_CHECKED;
            }
            answer = cache.answer(digest);
            if (answer.key().filter(stored -> worksAt(stored, nowMillis)).isPresent()) {
                lookups.giveBack();
            }
        }
        if (answer.key().isEmpty()) {
            return Verification.UNKNOWN;
        }
        StoredKey stored = answer.key().get();
        if (stored.revokedAt() != null) {
            return Verification.refused(Outcome.REVOKED, stored.key());
        }
        if (!worksAt(stored, nowMillis)) {
            return Verification.refused(Outcome.EXPIRED, stored.key());
        }
        KeyguardPrincipal principal = answer.principal();
        if (principal == null) {
            throw KeyguardException.unavailable(
                    new IllegalStateException(
                            "The key store returned a working key without an id or an owner"));
        }
        internals.usage().recordUse(stored.id(), nowMillis);
        return Verification.valid(principal);
    }

    /**
     * {@link StoredKey#isActiveAt} at a time in milliseconds: neither revoked nor expired. Never
     * later than at the exact time: an expiry between two milliseconds counts from the first, and
     * expiries Keyguard stores are whole milliseconds, for which it is exact.
     */
    private static boolean worksAt(StoredKey stored, long nowMillis) {
        if (stored.revokedAt() != null) {
            return false;
        }
        Instant expiresAt = stored.key().expiresAt();
        if (expiresAt == null) {
            return true;
        }
        long second = Math.floorDiv(nowMillis, 1000);
        long expirySecond = expiresAt.getEpochSecond();
        return expirySecond > second
                || expirySecond == second
                        && expiresAt.getNano() > Math.floorMod(nowMillis, 1000) * 1_000_000;
    }

    /**
     * Whether this node can do its job, for a readiness probe: a round trip to the database (or,
     * for a store given in code, a call to it), and whether the key-event feed is current. Waits at
     * most about a second however the database behaves (a late answer counts as unreachable), runs
     * at most one round trip at a time however many callers ask, and never throws. Cheap enough for
     * a probe every few seconds. Cached keys keep working while it says unhealthy (see the cache
     * settings), so a liveness probe should not restart a node for it.
     *
     * @return what was found; after {@link #close()}, unhealthy
     */
    public KeyguardHealth health() {
        if (closed.get()) {
            return new KeyguardHealth(false, false, null, false, "Keyguard is closed");
        }
        HealthProbe.Result database = healthProbe.probe();
        boolean feedCurrent = internals.follower().health().isCurrent();
        String reason =
                !database.reachable()
                        ? "the database did not answer: " + database.failure()
                        : !feedCurrent
                                ? "this node has not read the key-event log for "
                                        + internals.follower().health().lagNanos() / 1_000_000
                                        + " ms"
                                : null;
        return new KeyguardHealth(
                reason == null,
                database.reachable(),
                database.schemaVersion(),
                feedCurrent,
                reason);
    }

    /** What watches this Keyguard's decisions (metrics, the security log), for the filter. */
    Observer observer() {
        return internals.observer();
    }

    /** The key lifecycle: create, list, rotate, revoke, and the audit trail. */
    public ApiKeyService service() {
        return service;
    }

    /** The configuration it was started with. */
    public KeyguardConfig config() {
        return config;
    }

    /**
     * The database under Keyguard's Hibernate store, for a host that keeps its own tables beside
     * Keyguard's (the demo does); empty for a store given in code. Closed by {@link #close()} when
     * Keyguard made it.
     */
    public Optional<DataSource> dataSource() {
        return Optional.ofNullable(opened.dataSource());
    }

    /** The parts, for the filter and the test fixture. */
    Internals internals() {
        return internals;
    }

    /** The key format of this deployment, for the filter. */
    KeyFormat format() {
        return format;
    }

    /**
     * Stops following the key-event log, writes the pending {@code lastUsedAt} updates and usage
     * counts, then closes the store and the pool Keyguard made; a DataSource or a store from the
     * host stays open. A second call does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AutoCloseable binding : internals.meterBindings()) {
            try {
                binding.close();
            } catch (Exception e) {
                LOG.warn("Keyguard could not remove its meters: {}", e.toString());
            }
        }
        internals.meterBindings().clear();
        LocalCommandSocket socket = localCommands;
        if (socket != null) {
            socket.close();
        }
        try {
            internals.follower().close();
            internals.usage().close();
        } finally {
            internals.observer().closing();
            internals.cache().close();
            closeQuietly(opened);
        }
    }

    private static void closeQuietly(OpenedStore opened) {
        try {
            opened.close();
        } catch (Exception e) {
            LOG.warn("Keyguard could not close its store cleanly: {}", e.toString());
        }
    }
}
