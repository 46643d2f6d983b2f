package dev.keyguard.bench.propagation;

import dev.keyguard.Actor;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.bench.BenchDatabase;
import dev.keyguard.internal.events.Node;
import dev.keyguard.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * How long a revocation on node A takes to be refused by nodes B and C: three nodes in this JVM,
 * each its own Keyguard (pool, cache, key-event follower) behind {@code ApiKeyFilter} in its own
 * Jetty, on one database, with default settings. For each key, B and C first answer 200 (it is
 * cached); a random pause of up to one poll interval in force (50 ms with LISTEN) puts the
 * revocation at a random point of the poll cycle; A revokes the key through {@code ApiKeyService};
 * B and C are each asked over HTTP every millisecond until they answer 401. A sample is the time
 * from just before A's {@code revoke} call (its commit included) to that 401, one per key and
 * observer. The run stops with an error if an observer still accepts a key after 10 s, or refused
 * it without its follower having applied an event (then it was not the feed that refused it). The
 * nodes share a clock that stands still, so that no cached entry reaches {@code revalidate-after}:
 * only the feed can make B or C refuse a key.
 *
 * <p>Configurations ({@code --configs}, comma-separated, in this order by default): {@code
 * postgres-listen} (LISTEN/NOTIFY), {@code postgres-polling} ({@code keyguard.events.listen=false})
 * on the PostgreSQL of {@link BenchDatabase}; {@code mariadb-polling} on the MariaDB of {@code
 * --mariadb-url} (with {@code --mariadb-user root --mariadb-password ''}), included by default only
 * when that URL is given; {@code h2-polling} on a fresh in-memory H2.
 *
 * <p>Options: {@code --listen-revocations 300 --polling-revocations 100}, the keys revoked per
 * configuration with LISTEN and per polling configuration (two samples each: B and C); {@code
 * --poll-interval 100ms} sets {@code keyguard.events.poll-interval} on every node instead of
 * leaving it to Keyguard's default.
 *
 * <p>Prints a row as each configuration ends, and at the end the Markdown table of them all:
 * revocations, p50, p99 and max in milliseconds (nearest rank), the time the configuration took and
 * the load average when it ended.
 */
public final class PropagationRun {

    /** How long an observer may keep accepting a revoked key before the run fails. */
    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("configs", null);
        defaults.put("listen-revocations", "300");
        defaults.put("polling-revocations", "100");
        defaults.put("mariadb-url", null);
        defaults.put("mariadb-user", "root");
        defaults.put("mariadb-password", "");
        defaults.put("poll-interval", null);
        return Collections.unmodifiableMap(defaults);
    }

    private record Database(String url, String user, String password) {}

    private record Configuration(
            String title,
            Database database,
            UnaryOperator<KeyguardConfig.Builder> settings,
            int revocations,
            Duration spread) {}

    private PropagationRun() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args, DEFAULTS);
        List<String> names = configNames(o);
        List<Configuration> configurations = new ArrayList<>();
        for (String name : names) {
            configurations.add(configuration(name.strip(), o));
        }
        System.out.println(
                String.format(
                        Locale.ROOT,
                        "Propagation run: 3 nodes, %s; load average %s at start",
                        String.join(", ", names),
                        loadAverage()));
        List<String> rows = new ArrayList<>();
        for (Configuration configuration : configurations) {
            String row = run(configuration, o.get("poll-interval"));
            System.out.println("done: " + row);
            rows.add(row);
        }
        System.out.println();
        System.out.println(
                "| configuration | revocations | p50 ms | p99 ms | max ms | took | load |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
    }

    private static List<String> configNames(Map<String, String> o) {
        if (o.get("configs") != null) {
            return List.of(o.get("configs").split(","));
        }
        return o.get("mariadb-url") != null
                ? List.of("postgres-listen", "postgres-polling", "mariadb-polling", "h2-polling")
                : List.of("postgres-listen", "postgres-polling", "h2-polling");
    }

    private static Configuration configuration(String name, Map<String, String> o) {
        int listen = revocations(o, "listen-revocations");
        int polling = revocations(o, "polling-revocations");
        Duration interval = null; // the poll interval in force, read from node A
        Database postgres =
                new Database(BenchDatabase.url(), BenchDatabase.user(), BenchDatabase.password());
        return switch (name) {
            case "postgres-listen" ->
                    new Configuration(
                            "PostgreSQL, LISTEN/NOTIFY",
                            postgres,
                            b -> b,
                            listen,
                            Duration.ofMillis(50));
            case "postgres-polling" ->
                    new Configuration(
                            "PostgreSQL, polling only",
                            postgres,
                            b -> b.eventsListen(false),
                            polling,
                            interval);
            case "mariadb-polling" -> {
                if (o.get("mariadb-url") == null) {
                    throw new IllegalArgumentException(
                            "mariadb-polling needs --mariadb-url jdbc:mariadb://HOST:3306/DATABASE"
                                    + " (and --mariadb-user, --mariadb-password)");
                }
                yield new Configuration(
                        "MariaDB, polling",
                        new Database(
                                o.get("mariadb-url"),
                                o.get("mariadb-user"),
                                o.get("mariadb-password")),
                        b -> b,
                        polling,
                        interval);
            }
            case "h2-polling" ->
                    new Configuration(
                            "H2 (in memory, one JVM), polling",
                            new Database(
                                    "jdbc:h2:mem:kg-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                                    "sa",
                                    ""),
                            b -> b,
                            polling,
                            interval);
            default ->
                    throw new IllegalArgumentException(
                            "Unknown configuration "
                                    + name
                                    + ": postgres-listen, postgres-polling, mariadb-polling or"
                                    + " h2-polling");
        };
    }

    private static int revocations(Map<String, String> o, String option) {
        int revocations = Integer.parseInt(o.get(option));
        if (revocations < 1) {
            throw new IllegalArgumentException("--" + option + " must be 1 or more");
        }
        return revocations;
    }

    /** Runs one configuration on three fresh nodes; its row of the table. */
    private static String run(Configuration c, String pollInterval) throws Exception {
        Clock clock = MutableClock.startingNow();
        KeyguardConfig config =
                c.settings()
                        .apply(
                                KeyguardConfig.from(
                                                name ->
                                                        name.equals(
                                                                        KeyguardConfig
                                                                                .EVENTS_POLL_INTERVAL
                                                                                .name())
                                                                ? pollInterval
                                                                : null)
                                        .jdbc(
                                                c.database().url(),
                                                c.database().user(),
                                                c.database().password())
                                        .poolSize(4)
                                        .clock(clock)
                                        .throttleMaxFailures(0))
                        .build();
        List<Duration> samples = new ArrayList<>();
        long started = System.nanoTime();
        List<Node> nodes = new ArrayList<>();
        Duration interval;
        try {
            for (String name : List.of("A", "B", "C")) {
                nodes.add(Node.start(name, config));
            }
            interval = KeyguardInternals.of(nodes.get(0).keyguard).follower().interval();
            Duration spread = c.spread() != null ? c.spread() : interval;
            for (int done = 0; done < c.revocations(); done += 10) {
                KeyOwner owner =
                        new KeyOwner(
                                "measure-" + UUID.randomUUID(), new KeyUser("u", null, null, null));
                List<CreatedApiKey> keys = new ArrayList<>();
                for (int i = 0; i < Math.min(10, c.revocations() - done); i++) {
                    keys.add(nodes.get(0).keyguard.service().create(owner, "m", null));
                }
                samples.addAll(
                        measure(
                                nodes.get(0),
                                nodes.subList(1, 3),
                                owner.organisationId(),
                                keys,
                                spread));
            }
        } finally {
            for (Node node : nodes) {
                try {
                    node.close();
                } catch (RuntimeException e) {
                    // keep closing the others
                }
            }
        }
        Collections.sort(samples);
        return String.format(
                Locale.ROOT,
                "| %s, poll %d ms | %d | %d | %d | %d | %d s | %s |",
                c.title(),
                interval.toMillis(),
                c.revocations(),
                rank(samples, 0.50).toMillis(),
                rank(samples, 0.99).toMillis(),
                samples.get(samples.size() - 1).toMillis(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                loadAverage());
    }

    /** One sample per key and observer; see the class comment. */
    private static List<Duration> measure(
            Node revoker,
            List<Node> observers,
            String organisationId,
            List<CreatedApiKey> keys,
            Duration spread)
            throws InterruptedException {
        for (CreatedApiKey key : keys) {
            for (Node observer : observers) {
                int status = observer.status(key.rawKey());
                if (status != 200) {
                    throw new IllegalStateException(
                            observer + " answered " + status + " to a new key, not 200");
                }
            }
        }
        List<Duration> samples = new ArrayList<>();
        for (CreatedApiKey key : keys) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(spread.toMillis() + 1));
            Map<Node, Long> appliedBefore = new HashMap<>();
            for (Node observer : observers) {
                appliedBefore.put(observer, eventsApplied(observer));
            }
            long start = System.nanoTime();
            revoker.keyguard.service().revoke(organisationId, key.key().id(), Actor.operator());
            List<Node> waiting = new ArrayList<>(observers);
            while (!waiting.isEmpty()) {
                for (Node observer : List.copyOf(waiting)) {
                    if (observer.status(key.rawKey()) == 401) {
                        samples.add(Duration.ofNanos(System.nanoTime() - start));
                        waiting.remove(observer);
                        if (eventsApplied(observer) <= appliedBefore.get(observer)) {
                            throw new IllegalStateException(
                                    observer
                                            + " refused key "
                                            + key.key().keyPrefix()
                                            + " before its feed applied an event");
                        }
                    }
                }
                if (System.nanoTime() - start > GIVE_UP.toNanos()) {
                    throw new IllegalStateException(
                            waiting
                                    + " still accept key "
                                    + key.key().keyPrefix()
                                    + " "
                                    + GIVE_UP.toSeconds()
                                    + " s after its revocation");
                }
                Thread.sleep(1);
            }
        }
        return samples;
    }

    private static long eventsApplied(Node node) {
        return KeyguardInternals.of(node.keyguard).follower().eventsApplied();
    }

    /** Nearest rank. */
    private static Duration rank(List<Duration> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    /** {@code --name value} pairs over the defaults; a name not among them is refused. */
    static Map<String, String> options(String[] args, Map<String, String> defaults) {
        Map<String, String> options = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!args[i].startsWith("--") || !defaults.containsKey(name)) {
                throw new IllegalArgumentException(
                        "Unknown option "
                                + args[i]
                                + "; known: --"
                                + String.join(", --", defaults.keySet()));
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            options.put(name, args[i + 1]);
        }
        return options;
    }

    /** The 1-minute load average, from /proc/loadavg (or "?" elsewhere). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
