package dev.keyguard.internal.events;

import dev.keyguard.Actor;
import dev.keyguard.ApiKeyService;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyEvent;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyguardException;
import dev.keyguard.RotatedApiKey;
import dev.keyguard.internal.key.KeyHash;
import dev.keyguard.spi.KeyEventLog;
import dev.keyguard.spi.KeyStore;
import dev.keyguard.spi.StoredKey;
import dev.keyguard.testing.TestKnobs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keys created, used, rotated and revoked at random on random nodes by a few threads for a bounded
 * time, with a model of what each key should be: afterwards every node must refuse every revoked or
 * expired key and accept every other, and the event log must tell the same story as the key table.
 * During the run, only what cannot race is checked: the node that revoked or rotated a key away
 * refuses it at once.
 */
final class Soak {

    /**
     * {@code -Dkeyguard.soak.seconds} (or {@code KEYGUARD_SOAK_SECONDS}), else a few seconds:
     * bounded in the default run. See {@link TestKnobs#soakLength()}.
     */
    static Duration length() {
        return TestKnobs.soakLength();
    }

    private enum State {
        ACTIVE,
        RETIRING,
        REVOKED
    }

    /** What the test knows of one key; changed only by the thread that claimed it. */
    private static final class Tracked {
        final CreatedApiKey created;
        final KeyOwner owner;
        final AtomicBoolean claimed = new AtomicBoolean();
        volatile State state = State.ACTIVE;
        volatile Instant expiresAt;

        /** The node that must refuse the key at once (it revoked or retired it), or -1. */
        volatile int refusedAt = -1;

        Tracked(CreatedApiKey created, KeyOwner owner) {
            this.created = created;
            this.owner = owner;
            this.expiresAt = created.key().expiresAt();
        }

        String id() {
            return created.key().id();
        }
    }

    private final Cluster cluster;
    private final List<KeyOwner> owners;
    private final Map<String, Tracked> keys = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger operations = new AtomicInteger();

    Soak(Cluster cluster, List<KeyOwner> owners) {
        this.cluster = cluster;
        this.owners = owners;
    }

    void run(Duration length, int threads) throws Exception {
        long deadline = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(
                        pool.submit(
                                () -> {
                                    while (System.nanoTime() < deadline) {
                                        step();
                                        operations.incrementAndGet();
                                    }
                                    return null;
                                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void step() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int node = random.nextInt(3);
        ApiKeyService service = cluster.node(node).keyguard.service();
        int dice = random.nextInt(100);
        if (dice < 30 || keys.isEmpty()) {
            create(service, owners.get(random.nextInt(owners.size())), random.nextBoolean());
        } else if (dice < 70) {
            use(node, any());
        } else if (dice < 85) {
            revoke(node, service, any());
        } else {
            rotate(node, service, any(), random.nextBoolean());
        }
    }

    private Tracked any() {
        List<Tracked> all = List.copyOf(keys.values());
        return all.get(ThreadLocalRandom.current().nextInt(all.size()));
    }

    private void create(ApiKeyService service, KeyOwner owner, boolean expiring) {
        String expiresAt =
                expiring ? cluster.clock.instant().plus(Duration.ofHours(1)).toString() : null;
        try {
            CreatedApiKey created = service.create(owner, "soak", expiresAt);
            keys.put(created.key().id(), new Tracked(created, owner));
        } catch (KeyguardException e) {
            expect(e, KeyguardException.Reason.KEY_LIMIT_REACHED);
        }
    }

    private void use(int node, Tracked key) {
        int refusedAt = key.refusedAt;
        int status = cluster.node(node).status(key.created.rawKey());
        if (refusedAt == node && status != 401) {
            violations.add(
                    key.state
                            + " key "
                            + key.id()
                            + " answered "
                            + status
                            + " on "
                            + cluster.node(node)
                            + ", the node that ended it");
        }
    }

    private void revoke(int node, ApiKeyService service, Tracked key) {
        if (key.state == State.REVOKED || !key.claimed.compareAndSet(false, true)) {
            return;
        }
        try {
            service.revoke(key.owner.organisationId(), key.id(), new Actor(null, "soak"));
            key.state = State.REVOKED;
            key.refusedAt = node;
        } catch (KeyguardException e) {
            violations.add("revoking " + key.id() + ": " + e.reason());
        } finally {
            key.claimed.set(false);
        }
    }

    private void rotate(int node, ApiKeyService service, Tracked key, boolean now) {
        if (key.state != State.ACTIVE || !key.claimed.compareAndSet(false, true)) {
            return;
        }
        try {
            RotatedApiKey rotated =
                    service.rotate(
                            key.owner.organisationId(),
                            key.id(),
                            now ? Duration.ZERO : Duration.ofMinutes(30),
                            Actor.operator());
            keys.put(
                    rotated.replacement().key().id(),
                    new Tracked(rotated.replacement(), key.owner));
            key.expiresAt = rotated.retiring().expiresAt();
            key.state = State.RETIRING;
            if (now) {
                key.refusedAt = node;
            }
        } catch (KeyguardException e) {
            expect(e, KeyguardException.Reason.KEY_LIMIT_REACHED);
        } finally {
            key.claimed.set(false);
        }
    }

    private void expect(KeyguardException e, KeyguardException.Reason allowed) {
        if (e.reason() != allowed) {
            violations.add("unexpected " + e.reason());
        }
    }

    List<String> violations() {
        return violations;
    }

    int operations() {
        return operations.get();
    }

    /** Every node asked with every key; what differs from the model at the clock's time now. */
    List<String> wrongAnswers() {
        Instant now = cluster.clock.instant();
        List<String> wrong = new ArrayList<>();
        for (Node node : cluster.nodes()) {
            for (Tracked key : keys.values()) {
                boolean alive =
                        key.state != State.REVOKED
                                && (key.expiresAt == null || key.expiresAt.isAfter(now));
                int expected = alive ? 200 : 401;
                int status = node.status(key.created.rawKey());
                if (status != expected) {
                    wrong.add(
                            node + " " + key.state + " " + key.id() + " " + expected + " got "
                                    + status);
                }
            }
        }
        return wrong;
    }

    /**
     * Reads the soak's organisations' keys and events through the store's SPI: each key has exactly
     * one {@code created} event, one {@code revoked} exactly when revoked, one {@code rotated}
     * exactly when replaced; every event names one of the organisation's keys; and the rows are the
     * keys the model made. Rows are found by the hash of each key the model made, and by each
     * organisation's list of keys not revoked (so a row the model did not make shows, unless it is
     * revoked and has no event); events by each organisation's whole audit trail.
     */
    List<String> eventLogDisagreements(KeyStore store) {
        Map<String, String> expectedOfKey = new HashMap<>();
        for (Tracked key : keys.values()) {
            store.findByHash(KeyHash.sha256Hex(key.created.rawKey()))
                    .ifPresent(row -> expectedOfKey.put(row.id(), expectedEvents(row)));
        }
        Map<String, String> eventsOfKey = new HashMap<>();
        for (KeyOwner owner : owners) {
            for (StoredKey row : store.listNotRevoked(owner.organisationId())) {
                expectedOfKey.put(row.id(), expectedEvents(row));
            }
            for (KeyEvent event : auditTrail(store, owner.organisationId())) {
                eventsOfKey.merge(event.keyId(), event.type().code(), (a, b) -> a + "," + b);
            }
        }
        List<String> disagreements = new ArrayList<>();
        if (!expectedOfKey.keySet().equals(keys.keySet())) {
            disagreements.add("key rows " + expectedOfKey.size() + ", keys made " + keys.size());
        }
        for (String id : union(expectedOfKey.keySet(), eventsOfKey.keySet())) {
            String expected = expectedOfKey.get(id);
            String events = eventsOfKey.get(id);
            if (expected == null || events == null || !sorted(expected).equals(sorted(events))) {
                disagreements.add(id + ": row says " + expected + ", log says " + events);
            }
        }
        return disagreements;
    }

    private static String expectedEvents(StoredKey row) {
        return "created"
                + (row.replacedBy() != null ? ",rotated" : "")
                + (row.revokedAt() != null ? ",revoked" : "");
    }

    private static List<KeyEvent> auditTrail(KeyStore store, String organisationId) {
        List<KeyEvent> trail = new ArrayList<>();
        List<KeyEvent> page =
                store.newestFirst(organisationId, null, ApiKeyService.MAX_EVENTS_PAGE);
        while (!page.isEmpty()) {
            trail.addAll(page);
            page =
                    store.newestFirst(
                            organisationId,
                            KeyEventLog.AuditPosition.of(page.get(page.size() - 1)),
                            ApiKeyService.MAX_EVENTS_PAGE);
        }
        return trail;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> sorted(String csv) {
        return java.util.Arrays.stream(csv.split(",")).sorted().toList();
    }
}
