package dev.keyguard.reliability.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyguard.internal.key.KeyHash;
import dev.keyguard.reliability.support.Figures;
import dev.keyguard.reliability.support.Http;
import dev.keyguard.reliability.support.Http.Answer;
import dev.keyguard.reliability.support.Json;
import dev.keyguard.reliability.support.Node;
import dev.keyguard.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node is killed with SIGKILL in the middle of creates, rotations, revocations and uses, and
 * started again on the same database: Keyguard's embedded H2 file database (the demo's) or
 * PostgreSQL. Afterwards no revoked key is accepted, every key row is whole (the key exists with
 * its hash, or not at all), every acknowledged create is there with the hash of the key the client
 * got, and the limit of 10 active keys holds.
 */
class ProcessFaultTest {

    private static final String KEYS = "api/v1/api-keys";
    private static final Set<String> COLUMNS_NEVER_NULL =
            Set.of("id", "organisation_id", "name", "key_prefix", "key_hash", "created_at");

    @TempDir Path dataDir;
    private Process process;
    private final List<String> violations = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void aKilledNodeRestartsWithNothingHalfDone(String name) throws Exception {
        List<String> database =
                name.equals("H2")
                        ? List.of("h2", dataDir.toString())
                        : jdbcArguments(TestDatabase.postgres());
        String org = "org-process-" + UUID.randomUUID();
        Started first = start(database, org);
        String root = first.root;
        Http http = new Http(first.base);

        Map<String, String> acknowledgedCreates = new ConcurrentHashMap<>(); // id -> raw key
        Set<String> acknowledgedRevocations = ConcurrentHashMap.newKeySet();
        Set<String> retiredAtOnce = ConcurrentHashMap.newKeySet();
        Set<String> uncertain = ConcurrentHashMap.newKeySet(); // cut off by the kill: either way
        AtomicInteger inFlightAtKill = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread client =
                    new Thread(
                            () -> {
                                List<String> mine = new ArrayList<>();
                                while (running.get()) {
                                    Answer answer =
                                            traffic(
                                                    http,
                                                    root,
                                                    mine,
                                                    acknowledgedCreates,
                                                    acknowledgedRevocations,
                                                    retiredAtOnce,
                                                    uncertain);
                                    if (answer != null && answer.status() == -1) {
                                        inFlightAtKill.incrementAndGet();
                                        return; // the node is gone
                                    }
                                }
                            },
                            "client-" + t);
            clients.add(client);
            client.start();
        }
        Thread.sleep(2_500);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL, mid-traffic
        running.set(false);
        for (Thread client : clients) {
            client.join(40_000);
        }

        // The database as the killed node left it.
        checkRows(name, database, org, acknowledgedCreates, acknowledgedRevocations);

        // Started again: no revoked key accepted, every acknowledged key still there and working.
        Started second = start(database, null);
        Http again = new Http(second.base);
        for (String id : acknowledgedRevocations) {
            expect(
                    again.get(Node.WHOAMI, acknowledgedCreates.get(id)),
                    401,
                    "revoked key after restart");
        }
        JsonNode listed = Json.parse(again.get(KEYS, root).body()).get("data");
        List<String> listedIds = new ArrayList<>();
        listed.forEach(key -> listedIds.add(key.get("id").asText()));
        acknowledgedCreates.forEach(
                (id, raw) -> {
                    if (acknowledgedRevocations.contains(id) || uncertain.contains(id)) {
                        return;
                    }
                    if (!listedIds.contains(id)) {
                        violations.add("acknowledged key " + id + " not listed after restart");
                    }
                    if (!retiredAtOnce.contains(id)) {
                        expect(again.get(Node.WHOAMI, raw), 200, "acknowledged key after restart");
                    }
                });
        // The limit is intact: fill up to it, and the next create is refused.
        int created = 0;
        Answer answer;
        while ((answer = again.post(KEYS, root, "{\"name\":\"after restart\"}")).status() == 201) {
            created++;
            assertThat(created).as("creates after restart").isLessThanOrEqualTo(10);
        }
        expect(answer, 409, "create beyond the limit after restart");
        // In the database itself: for H2, once the node has let go of it (one process at a time).
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(activeKeys(database, org)).isEqualTo(10);

        Figures.record(
                "ProcessFaultTest/" + name,
                "1 SIGKILL mid-traffic; acknowledged creates "
                        + acknowledgedCreates.size()
                        + ", revocations "
                        + acknowledgedRevocations.size()
                        + ", requests cut by the kill "
                        + inFlightAtKill.get()
                        + "; violations: "
                        + violations.size());
        assertThat(violations).isEmpty();
    }

    /** One random operation; returns the answer, null when nothing was sent. */
    private Answer traffic(
            Http http,
            String root,
            List<String> mine,
            Map<String, String> created,
            Set<String> revoked,
            Set<String> retiredAtOnce,
            Set<String> uncertain) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int action = random.nextInt(4);
        if (action == 0 || mine.isEmpty()) {
            Answer answer = http.post(KEYS, root, "{\"name\":\"process\"}");
            if (answer.status() == 201) {
                JsonNode data = Json.parse(answer.body()).get("data");
                created.put(data.get("id").asText(), data.get("key").asText());
                mine.add(data.get("id").asText());
            }
            return answer;
        }
        String id = mine.get(random.nextInt(mine.size()));
        if (action == 1) {
            Answer answer = http.delete(KEYS + "/" + id, root);
            if (answer.status() == -1) {
                uncertain.add(id);
            }
            if (answer.status() == 200) {
                revoked.add(id);
                mine.remove(id);
            }
            return answer;
        }
        if (action == 2) {
            Answer answer =
                    http.post(KEYS + "/" + id + "/rotate", root, "{\"gracePeriodSeconds\":0}");
            if (answer.status() == -1) {
                uncertain.add(id);
            }
            if (answer.status() == 201) {
                JsonNode data = Json.parse(answer.body()).get("data");
                created.put(data.get("id").asText(), data.get("key").asText());
                retiredAtOnce.add(id);
                mine.remove(id);
                mine.add(data.get("id").asText());
            }
            return answer;
        }
        return http.get(Node.WHOAMI, created.get(id));
    }

    /** Every row whole; acknowledged creates present with the client's key's hash; limit held. */
    private void checkRows(
            String name,
            List<String> database,
            String org,
            Map<String, String> created,
            Set<String> revoked)
            throws SQLException {
        Map<String, String> hashes = new HashMap<>();
        Map<String, Boolean> revokedRows = new HashMap<>();
        try (Connection connection = connect(database);
                PreparedStatement rows =
                        connection.prepareStatement(
                                "SELECT * FROM keyguard_api_key WHERE organisation_id = ?")) {
            rows.setString(1, org);
            try (ResultSet row = rows.executeQuery()) {
                while (row.next()) {
                    for (String column : COLUMNS_NEVER_NULL) {
                        if (row.getObject(column) == null) {
                            violations.add("row " + row.getString("id") + " without " + column);
                        }
                    }
                    String hash = row.getString("key_hash");
                    if (hash == null || !hash.matches("[0-9a-f]{64}")) {
                        violations.add("row " + row.getString("id") + " with a malformed hash");
                    }
                    hashes.put(row.getString("id"), hash);
                    revokedRows.put(row.getString("id"), row.getObject("revoked_at") != null);
                }
            }
        }
        created.forEach(
                (id, raw) -> {
                    if (!KeyHash.sha256Hex(raw).equals(hashes.get(id))) {
                        violations.add("acknowledged key " + id + " missing or with another hash");
                    }
                });
        for (String id : revoked) {
            if (!Boolean.TRUE.equals(revokedRows.get(id))) {
                violations.add("acknowledged revocation of " + id + " lost");
            }
        }
        if (activeKeys(database, org) > 10) {
            violations.add(name + ": more than 10 active keys after the kill");
        }
    }

    private static int activeKeys(List<String> database, String org) throws SQLException {
        try (Connection connection = connect(database);
                PreparedStatement count =
                        connection.prepareStatement(
                                "SELECT COUNT(*) FROM keyguard_api_key WHERE organisation_id = ?"
                                    + " AND revoked_at IS NULL AND replaced_by IS NULL AND"
                                    + " (expires_at IS NULL OR expires_at > CURRENT_TIMESTAMP)")) {
            count.setString(1, org);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /**
     * The test's own connection: for H2, the file directly (only while no node runs), with the
     * password Keyguard keeps beside it.
     */
    private static Connection connect(List<String> database) throws SQLException {
        if (database.get(0).equals("h2")) {
            Path dir = Path.of(database.get(1)).toAbsolutePath().normalize();
            try {
                return DriverManager.getConnection(
                        "jdbc:h2:file:" + dir.resolve("keyguard"),
                        "sa",
                        Files.readString(dir.resolve("keyguard.password")).strip());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return DriverManager.getConnection(database.get(1), database.get(2), database.get(3));
    }

    private void expect(Answer answer, int status, String what) {
        if (answer.status() != status) {
            violations.add(what + ": expected " + status + ", got " + answer);
        }
    }

    private static List<String> jdbcArguments(TestDatabase database) {
        return List.of(
                "jdbc",
                database.url(),
                database.user() == null ? "" : database.user(),
                database.password() == null ? "" : database.password());
    }

    private record Started(URI base, String root) {}

    /** Starts {@link NodeMain} in a JVM of its own, on the test class path. */
    private Started start(List<String> database, String mintFor) throws Exception {
        String classPath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx256m",
                                "-XX:TieredStopAtLevel=1",
                                "-cp",
                                classPath,
                                NodeMain.class.getName()));
        command.addAll(database);
        if (mintFor != null) {
            command.addAll(List.of("mint", mintFor));
        }
        Path log = Files.createTempFile(dataDir.getParent(), "node-", ".log");
        process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader out =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = out.readLine()) != null) {
                                    lines.add(line);
                                }
                            } catch (IOException e) {
                                // the process ended
                            }
                        },
                        "node-stdout");
        reader.setDaemon(true);
        reader.start();
        String root = null;
        while (true) {
            String line = lines.poll(60, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("node did not start; its log: " + Files.readString(log));
            }
            if (line.startsWith("ROOT ")) {
                root = line.substring(5);
            } else if (line.startsWith("PORT ")) {
                return new Started(URI.create("http://127.0.0.1:" + line.substring(5) + "/"), root);
            }
        }
    }
}
