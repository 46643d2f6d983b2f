package dev.keyguard.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Caller;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.NewKey;
import dev.keyguard.Rotation;
import dev.keyguard.Scopes;
import dev.keyguard.internal.web.WhoAmIServlet;
import dev.keyguard.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two nodes on one database (each its own Keyguard, cache, follower and Jetty), over HTTP: a key's
 * scopes or addresses narrowed by a DBA with SQL and a {@code changed} event (docs/multi-node.md),
 * or a rotation with new scopes on one node, are enforced by the other node within the bound (the
 * poll interval in force plus slack, as {@link Cluster#bound()}), by {@code isUserInRole} and by
 * {@code keyguard.path-scopes}. A cached valid key is re-checked only after a minute otherwise, so
 * only the event feed can make the other node change its answer here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RestrictedKeysAcrossNodesContract {

    private static final Logger LOG =
            LoggerFactory.getLogger(RestrictedKeysAcrossNodesContract.class);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String REFUSED_WRITE =
            "Bearer realm=\"keyguard\", error=\"insufficient_scope\", scope=\"leads:write\"";

    TestDatabase database;
    ScopedNode a;
    ScopedNode b;
    private TestAbortedException skipped;

    abstract TestDatabase database();

    @BeforeAll
    void startNodes() throws Exception {
        try {
            database = database();
        } catch (TestAbortedException e) {
            skipped = e;
            return;
        }
        a = ScopedNode.start("A", database);
        b = ScopedNode.start("B", database);
    }

    @AfterAll
    void stopNodes() {
        for (ScopedNode node : new ScopedNode[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @BeforeEach
    void notSkipped() {
        if (skipped != null) {
            throw skipped;
        }
    }

    /** The poll interval of the nodes' followers, and 1.5 s of slack for this shared machine. */
    Duration bound() {
        return KeyguardInternals.of(b.keyguard).follower().interval().plusMillis(1500);
    }

    static Caller newOrganisation() {
        return Caller.operator(
                new KeyOwner(
                        "org-" + UUID.randomUUID(),
                        new KeyUser("user-1", "Ada", "Lovelace", "ada@example.com")));
    }

    static CreatedApiKey readWriteKey(ScopedNode node, Caller caller) {
        return node.keyguard
                .service()
                .create(
                        caller,
                        new NewKey(
                                "rw",
                                null,
                                Scopes.of("leads:read", "leads:write"),
                                IpAllowlist.anywhere()));
    }

    /** As docs/multi-node.md has a DBA do it: the change and its event in one transaction. */
    void changeBySql(String keyId, String column, String value) throws SQLException {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement update =
                            c.prepareStatement(
                                    "UPDATE keyguard_api_key SET " + column + " = ? WHERE id = ?");
                    PreparedStatement event =
                            c.prepareStatement(
                                    "INSERT INTO keyguard_key_event (key_id, organisation_id,"
                                            + " type) SELECT id, organisation_id, 'changed' FROM"
                                            + " keyguard_api_key WHERE id = ?")) {
                update.setString(1, value);
                update.setString(2, keyId);
                assertThat(update.executeUpdate()).isEqualTo(1);
                event.setString(1, keyId);
                assertThat(event.executeUpdate()).isEqualTo(1);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Waits until {@code node} answers as {@code expected} says; fails after {@link #bound()}. */
    Duration await(ScopedNode node, String what, Predicate<ScopedNode> expected)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + bound().toNanos();
        while (!expected.test(node)) {
            assertThat(System.nanoTime())
                    .as("%s: %s within %s", node, what, bound())
                    .isLessThan(deadline);
            Thread.sleep(5);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void scopesNarrowedBySqlWithAChangedEventAreEnforcedByTheOtherNodeWithinTheBound()
            throws Exception {
        CreatedApiKey key = readWriteKey(a, newOrganisation());
        String raw = key.rawKey();
        for (ScopedNode node : List.of(a, b)) {
            assertThat(node.role(raw, "leads:write")).isTrue();
            assertThat(node.post(raw).statusCode()).isEqualTo(200);
        }

        changeBySql(key.key().id(), "scopes", "leads:read");

        for (ScopedNode node : List.of(b, a)) {
            Duration took = await(node, "leads:write refused", n -> !n.role(raw, "leads:write"));
            LOG.info(
                    "{}: scope narrowed by SQL refused on {} after {} ms",
                    database,
                    node,
                    took.toMillis());
            HttpResponse<String> post = node.post(raw);
            assertThat(post.statusCode()).isEqualTo(403);
            assertThat(post.headers().firstValue("WWW-Authenticate")).hasValue(REFUSED_WRITE);
            assertThat(node.role(raw, "leads:read")).isTrue();
        }
    }

    @Test
    void addressesNarrowedBySqlWithAChangedEventAreEnforcedByTheOtherNodeWithinTheBound()
            throws Exception {
        CreatedApiKey key = readWriteKey(a, newOrganisation());
        String raw = key.rawKey();
        assertThat(b.get(raw).statusCode()).isEqualTo(200);

        changeBySql(key.key().id(), "allowed_ips", "198.51.100.0/24");

        Duration took =
                await(b, "403 ip_not_allowed from 127.0.0.1", n -> n.get(raw).statusCode() == 403);
        LOG.info(
                "{}: addresses narrowed by SQL refused on B after {} ms",
                database,
                took.toMillis());
        assertThat(b.get(raw).body()).contains("\"ip_not_allowed\"");

        changeBySql(key.key().id(), "allowed_ips", "127.0.0.1 ::1");

        await(b, "200 from 127.0.0.1 again", n -> n.get(raw).statusCode() == 200);
    }

    @Test
    void aRotationWithNewScopesOnOneNodeReachesTheOther() throws Exception {
        Caller caller = newOrganisation();
        CreatedApiKey old = readWriteKey(a, caller);
        assertThat(b.role(old.rawKey(), "leads:write")).isTrue();

        CreatedApiKey successor =
                a.keyguard
                        .service()
                        .rotate(
                                caller,
                                old.key().id(),
                                new Rotation(
                                        Duration.ZERO,
                                        null,
                                        null,
                                        Scopes.of("leads:read"),
                                        IpAllowlist.of("127.0.0.0/8", "::1")))
                        .replacement();

        await(b, "the old key refused", n -> n.get(old.rawKey()).statusCode() == 401);
        assertThat(b.role(successor.rawKey(), "leads:read")).isTrue();
        assertThat(b.role(successor.rawKey(), "leads:write")).isFalse();
        assertThat(b.post(successor.rawKey()).headers().firstValue("WWW-Authenticate"))
                .hasValue(REFUSED_WRITE);
    }

    @Test
    void duringARotationsGraceTheOldKeyKeepsItsOwnScopesOnEveryNode() throws Exception {
        Caller caller = newOrganisation();
        CreatedApiKey old = readWriteKey(a, caller);
        assertThat(b.role(old.rawKey(), "leads:write")).isTrue();

        CreatedApiKey successor =
                a.keyguard
                        .service()
                        .rotate(
                                caller,
                                old.key().id(),
                                new Rotation(
                                        Duration.ofHours(1),
                                        null,
                                        null,
                                        Scopes.of("leads:read"),
                                        null))
                        .replacement();

        Thread.sleep(bound().toMillis());
        for (ScopedNode node : List.of(a, b)) {
            assertThat(node.role(old.rawKey(), "leads:write")).as(node.toString()).isTrue();
            assertThat(node.role(successor.rawKey(), "leads:write")).as(node.toString()).isFalse();
        }
    }

    /** A node whose host checks roles: Keyguard with scopes and a path rule, WhoAmIServlet. */
    static final class ScopedNode implements AutoCloseable {

        final Keyguard keyguard;
        private final String name;
        private final Server server;
        private final URI base;

        private ScopedNode(String name, Keyguard keyguard, Server server, URI base) {
            this.name = name;
            this.keyguard = keyguard;
            this.server = server;
            this.base = base;
        }

        static ScopedNode start(String name, TestDatabase database) throws Exception {
            Keyguard keyguard =
                    Keyguard.start(
                            database.config()
                                    .throttleMaxFailures(0)
                                    .scopes(List.of("leads:read", "leads:write"))
                                    .pathScopes(List.of("POST /api/* leads:write"))
                                    .lastUsedFlushInterval(Duration.ofHours(1))
                                    .build());
            Server server = Node.serve(keyguard, new WhoAmIServlet());
            return new ScopedNode(
                    name, keyguard, server, URI.create(Node.base(server) + "api/leads"));
        }

        HttpResponse<String> send(String method, String query, String rawKey) {
            try {
                return HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + query))
                                .timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Bearer " + rawKey)
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(name + ": " + method + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        HttpResponse<String> get(String rawKey) {
            return send("GET", "", rawKey);
        }

        HttpResponse<String> post(String rawKey) {
            return send("POST", "", rawKey);
        }

        /** What {@code isUserInRole(role)} answers for the key on this node. */
        boolean role(String rawKey, String role) {
            HttpResponse<String> response = send("GET", "?role=" + role, rawKey);
            assertThat(response.statusCode()).as("%s: GET with %s", name, role).isEqualTo(200);
            return response.body().endsWith(";role:" + role + "=true");
        }

        @Override
        public void close() {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                keyguard.close();
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
