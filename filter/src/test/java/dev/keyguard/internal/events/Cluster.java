package dev.keyguard.internal.events;

import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Several {@link Node}s on one database, each independent (pool, cache, follower, Jetty) but
 * sharing the test's clock, as a cluster behind a load balancer shares the time of day. Throttling
 * is off: the tests present refused keys on purpose, from one address.
 */
final class Cluster implements AutoCloseable {

    final TestDatabase database;
    final MutableClock clock;
    private final UnaryOperator<KeyguardConfig.Builder> settings;
    private final List<Node> nodes = new ArrayList<>();

    private Cluster(
            TestDatabase database,
            MutableClock clock,
            UnaryOperator<KeyguardConfig.Builder> settings) {
        this.database = database;
        this.clock = clock;
        this.settings = settings;
    }

    static Cluster start(
            TestDatabase database,
            MutableClock clock,
            int size,
            UnaryOperator<KeyguardConfig.Builder> settings) {
        Cluster cluster = new Cluster(database, clock, settings);
        try {
            for (int i = 0; i < size; i++) {
                cluster.nodes.add(Node.start(name(i), cluster.config()));
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static String name(int i) {
        return String.valueOf((char) ('A' + i));
    }

    KeyguardConfig config() {
        return settings.apply(database.config().clock(clock).throttleMaxFailures(0)).build();
    }

    /**
     * The bound the tests hold a change made on one node to, on the others: the poll interval in
     * force (the documented bound, plus one query) and 1.5 s of slack for this shared 2-core
     * machine, whose load average reaches 10 to 20 while other builds run.
     */
    Duration bound() {
        return interval().plusMillis(1500);
    }

    /** The poll interval the nodes' followers run at: the one configured, else their default. */
    Duration interval() {
        return KeyguardInternals.of(node(0).keyguard).follower().interval();
    }

    synchronized Node node(int i) {
        return nodes.get(i);
    }

    synchronized List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** Stops node {@code i} (Jetty, then its Keyguard) and starts a new one in its place. */
    void restart(int i) {
        Node old = node(i);
        old.close();
        Node fresh = Node.start(name(i), config());
        synchronized (this) {
            nodes.set(i, fresh);
        }
    }

    @Override
    public synchronized void close() {
        for (Node node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                // keep closing the others
            }
        }
        nodes.clear();
    }
}
