package dev.keyguard.bench.scale;

import dev.keyguard.internal.key.KeyHash;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A million keys in PostgreSQL, inserted with two SQL statements (seconds, not the service's one
 * transaction per key): organisations {@code scale-0} to {@code scale-99999} with ten keys each.
 * Key {@code i} is {@code ll_} + SHA-256 hex of {@code keyguard-bench-i}, so the benchmark can
 * present any of them without storing them; the row holds the SHA-256 of that key, as Keyguard
 * stores it. Like keys imported from another system, they carry no checksum: a Keyguard that
 * verifies them needs {@code keysAcceptWithoutChecksum(true)}. Needs Keyguard's schema (start a
 * Keyguard on the database first).
 */
public final class BulkKeys {

    public static final int COUNT = 1_000_000;
    private static final int PER_ORGANISATION = 10;

    private BulkKeys() {}

    /** The raw key number {@code i}. */
    public static String key(int i) {
        return "ll_" + KeyHash.sha256Hex("keyguard-bench-" + i);
    }

    /** Inserts the keys unless all are there. @return seconds the insert took, 0 if none */
    public static double ensure(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            try (ResultSet count =
                    s.executeQuery(
                            "SELECT count(*) FROM keyguard_api_key" + " WHERE id LIKE 'bk\\_%'")) {
                count.next();
                if (count.getLong(1) == COUNT) {
                    return 0;
                }
            }
            long start = System.nanoTime();
            s.execute("DELETE FROM keyguard_api_key WHERE id LIKE 'bk\\_%'");
            s.execute(
                    "INSERT INTO keyguard_organisation (organisation_id)"
                            + " SELECT 'scale-' || g FROM generate_series(0, "
                            + (COUNT / PER_ORGANISATION - 1)
                            + ") g ON CONFLICT DO NOTHING");
            s.execute(
                    "INSERT INTO keyguard_api_key (id, organisation_id, name, key_prefix,"
                            + " key_hash, created_by_user_id, created_by_first_name,"
                            + " created_by_last_name, created_by_email, created_at)"
                            + " SELECT 'bk_' || g, 'scale-' || (g / "
                            + PER_ORGANISATION
                            + "), 'Scale key ' || g, substr(k, 1, 13), encode(sha256(convert_to(k,"
                            + " 'UTF8')), 'hex'), 'user-' || (g / 10), 'Ada', 'Lovelace', 'ada' ||"
                            + " (g / 10) || '@example.com', now() FROM (SELECT g, 'll_' ||"
                            + " encode(sha256(convert_to('keyguard-bench-' || g, 'UTF8')), 'hex')"
                            + " AS k FROM generate_series(0, "
                            + (COUNT - 1)
                            + ") g) s");
            s.execute("ANALYZE keyguard_api_key");
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
