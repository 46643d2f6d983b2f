package dev.keyguard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.ApiKey;
import dev.keyguard.Caller;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.NewKey;
import dev.keyguard.Scopes;
import dev.keyguard.internal.key.KeyHash;
import dev.keyguard.internal.key.KeyIds;
import dev.keyguard.testing.TestDatabase;
import dev.keyguard.testing.TestKeys;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schema version 4 (restricted keys) applied to a database that Keyguard left at version 3 with
 * keys in it: the old keys stay unrestricted and usable from anywhere, new keys keep exactly the
 * scopes and blocks they were given, and a column edited by hand into garbage fails closed. Each
 * test has a database of its own (H2 in memory; a new database on the PostgreSQL or MariaDB server
 * the environment names). Written once; the subclasses name the database.
 */
abstract class RestrictedKeysMigrationContract {

    static final KeyOwner OWNER =
            new KeyOwner("org-legacy", new KeyUser("user-1", "Ada", "Lovelace", "ada@example.com"));
    static final List<String> DECLARED = List.of("leads:read", "leads:write");

    TestDatabase database;
    private Runnable drop = () -> {};
    private final List<Keyguard> started = new ArrayList<>();

    /** The server under test; may skip the class (no URL set) or fail it (unreachable). */
    abstract TestDatabase server();

    /** A database of its own on the server: dropped after the test. */
    @BeforeEach
    void freshDatabase() throws SQLException {
        TestDatabase server = server();
        if (server.name().equals("H2")) {
            database = server;
            return;
        }
        String name = "kgmig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        boolean mariadb = server.name().equals("MariaDB");
        try (Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE DATABASE "
                            + name
                            + (mariadb ? " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" : ""));
        }
        drop =
                () -> {
                    try (Connection c = server.connect();
                            Statement s = c.createStatement()) {
                        s.execute("DROP DATABASE " + name + (mariadb ? "" : " WITH (FORCE)"));
                    } catch (SQLException e) {
                        throw new IllegalStateException("could not drop " + name, e);
                    }
                };
        database =
                new TestDatabase(
                        server.name(),
                        withDatabase(server.url(), name),
                        server.user(),
                        server.password(),
                        null);
    }

    @AfterEach
    void dropDatabase() {
        started.forEach(Keyguard::close);
        drop.run();
    }

    private static String withDatabase(String url, String name) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String rest = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + rest;
    }

    /** Keyguard's migrations up to version 3, as the release before restricted keys left them. */
    void migrateToVersion3() throws SQLException {
        Database kind =
                switch (database.name()) {
                    case "H2" -> Database.H2;
                    case "PostgreSQL" -> Database.POSTGRESQL;
                    default -> Database.MARIADB;
                };
        Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(database.url(), database.user(), database.password())
                .table(SchemaMigrator.HISTORY_TABLE)
                .locations(kind.migrationLocation())
                .failOnMissingLocations(true)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .target("3")
                .load()
                .migrate();
        assertThat(columns()).contains("key_hash", "replaced_by").doesNotContain("scopes");
        try (Connection c = database.connect();
                PreparedStatement org =
                        c.prepareStatement(
                                "INSERT INTO keyguard_organisation (organisation_id) VALUES (?)")) {
            org.setString(1, OWNER.organisationId());
            org.executeUpdate();
        }
    }

    /** A key as version 3 stored it: no scopes, no addresses. */
    String insertVersion3Key(String name) throws SQLException {
        String raw = TestKeys.unminted();
        String now = database.name().equals("MariaDB") ? "UTC_TIMESTAMP(3)" : "CURRENT_TIMESTAMP";
        try (Connection c = database.connect()) {
            try (PreparedStatement key =
                    c.prepareStatement(
                            "INSERT INTO keyguard_api_key (id, organisation_id, name, key_prefix,"
                                    + " key_hash, created_by_user_id, created_by_first_name,"
                                    + " created_by_last_name, created_by_email, created_at)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                    + now
                                    + ")")) {
                key.setString(1, KeyIds.next(new SecureRandom()));
                key.setString(2, OWNER.organisationId());
                key.setString(3, name);
                key.setString(4, raw.substring(0, 13));
                key.setString(5, KeyHash.sha256Hex(raw));
                key.setString(6, OWNER.user().id());
                key.setString(7, OWNER.user().firstName());
                key.setString(8, OWNER.user().lastName());
                key.setString(9, OWNER.user().email());
                key.executeUpdate();
            }
        }
        return raw;
    }

    Keyguard start() {
        Keyguard keyguard = Keyguard.start(database.config().scopes(DECLARED).build());
        started.add(keyguard);
        return keyguard;
    }

    List<String> columns() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = database.connect();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT * FROM keyguard_api_key WHERE 1 = 0")) {
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                columns.add(rows.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    /** The two columns of the key named {@code name}, as stored. */
    String[] storedRights(String name) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s =
                        c.prepareStatement(
                                "SELECT scopes, allowed_ips FROM keyguard_api_key WHERE name ="
                                        + " ?")) {
            s.setString(1, name);
            try (ResultSet rows = s.executeQuery()) {
                assertThat(rows.next()).as(name).isTrue();
                return new String[] {rows.getString(1), rows.getString(2)};
            }
        }
    }

    void update(String name, String column, String value) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement s =
                        c.prepareStatement(
                                "UPDATE keyguard_api_key SET " + column + " = ? WHERE name = ?")) {
            s.setString(1, value);
            s.setString(2, name);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void keysOfVersion3StayUnrestrictedAndUsableFromAnywhere() throws Exception {
        migrateToVersion3();
        String first = insertVersion3Key("legacy one");
        String second = insertVersion3Key("legacy two");

        Keyguard keyguard = start();

        assertThat(columns()).contains("scopes", "allowed_ips");
        for (String raw : List.of(first, second)) {
            KeyguardPrincipal principal = keyguard.verify(raw).orElseThrow();
            assertThat(principal.scopes()).isEqualTo(Scopes.unrestricted());
            assertThat(principal.allowedIps()).isEqualTo(IpAllowlist.anywhere());
            assertThat(principal.hasScope("leads:write")).isTrue();
            assertThat(principal.allowedIps().allows("2001:db8::1")).isTrue();
        }
        List<ApiKey> listed = keyguard.service().list(OWNER.organisationId());
        assertThat(listed).extracting(ApiKey::name).containsOnly("legacy one", "legacy two");
        assertThat(listed).extracting(ApiKey::scopes).containsOnly(Scopes.unrestricted());
        assertThat(listed).extracting(ApiKey::allowedIps).containsOnly(IpAllowlist.anywhere());
        assertThat(storedRights("legacy one")).containsExactly(null, null);
    }

    @Test
    void aNewKeysScopesAndIpv6BlocksRoundTripExactly() throws Exception {
        migrateToVersion3();
        insertVersion3Key("legacy");
        Keyguard first = start();
        String restricted =
                first.service()
                        .create(
                                Caller.operator(OWNER),
                                new NewKey(
                                        "restricted",
                                        null,
                                        Scopes.of("leads:write", "leads:read"),
                                        IpAllowlist.of(
                                                "2001:db8:0:0:1:0:0:1",
                                                "2001:DB8:ABCD::/48",
                                                "192.0.2.0/24",
                                                "::ffff:10.0.0.0/104",
                                                "::/0")))
                        .rawKey();
        String none =
                first.service()
                        .create(
                                Caller.operator(OWNER),
                                new NewKey(
                                        "no scope",
                                        null,
                                        Scopes.of(List.of()),
                                        IpAllowlist.of("fe80::/10")))
                        .rawKey();
        first.close();

        Keyguard second = start();

        KeyguardPrincipal principal = second.verify(restricted).orElseThrow();
        assertThat(principal.scopes().names()).containsExactly("leads:read", "leads:write");
        assertThat(principal.allowedIps().blocks())
                .containsExactly(
                        "2001:db8::1:0:0:1/128",
                        "2001:db8:abcd::/48",
                        "192.0.2.0/24",
                        "10.0.0.0/8",
                        "::/0");
        KeyguardPrincipal noScope = second.verify(none).orElseThrow();
        assertThat(noScope.scopes()).isEqualTo(Scopes.of(List.of()));
        assertThat(noScope.allowedIps().blocks()).containsExactly("fe80::/10");
        assertThat(second.service().list(OWNER.organisationId()))
                .filteredOn(key -> key.name().equals("restricted"))
                .singleElement()
                .satisfies(
                        key -> {
                            assertThat(key.scopes()).isEqualTo(principal.scopes());
                            assertThat(key.allowedIps()).isEqualTo(principal.allowedIps());
                        });
        assertThat(storedRights("restricted"))
                .containsExactly(
                        "leads:read leads:write",
                        "2001:db8::1:0:0:1/128 2001:db8:abcd::/48 192.0.2.0/24 10.0.0.0/8 ::/0");
        assertThat(storedRights("no scope")).containsExactly("", "fe80::/10");
    }

    @Test
    void handEditedGarbageFailsClosed() throws Exception {
        migrateToVersion3();
        Map<String, String> keys =
                Map.of(
                        "bad addresses", insertVersion3Key("bad addresses"),
                        "bad and good scopes", insertVersion3Key("bad and good scopes"),
                        "only bad scopes", insertVersion3Key("only bad scopes"),
                        "empty addresses", insertVersion3Key("empty addresses"));
        start().close(); // migrates to version 4
        update("bad addresses", "allowed_ips", "10.0.0.0/8 not-an-address");
        update("bad and good scopes", "scopes", "leads:read Leads:Write *;drop");
        update("only bad scopes", "scopes", "*");
        update("empty addresses", "allowed_ips", "");

        Keyguard keyguard = start();

        for (String name : List.of("bad addresses", "empty addresses")) {
            KeyguardPrincipal principal = keyguard.verify(keys.get(name)).orElseThrow();
            assertThat(principal.allowedIps()).as(name).isEqualTo(IpAllowlist.nowhere());
            for (String client : List.of("10.0.0.1", "127.0.0.1", "::1", "100::")) {
                assertThat(principal.allowedIps().allows(client)).as(name).isFalse();
            }
        }
        KeyguardPrincipal mixed = keyguard.verify(keys.get("bad and good scopes")).orElseThrow();
        assertThat(mixed.scopes()).isEqualTo(Scopes.of("leads:read"));
        assertThat(mixed.hasScope("leads:write")).isFalse();
        KeyguardPrincipal bad = keyguard.verify(keys.get("only bad scopes")).orElseThrow();
        assertThat(bad.scopes().isUnrestricted()).isFalse();
        assertThat(bad.hasScope("leads:read")).isFalse();
        assertThat(bad.hasScope(Scopes.KEYS_MANAGE)).isFalse();
    }
}
