package dev.keyguard.admin.contract;

import static dev.keyguard.admin.contract.Envelopes.assertError;
import static dev.keyguard.admin.contract.Envelopes.fieldNames;
import static dev.keyguard.admin.testing.Api.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.admin.testing.AdminServer;
import dev.keyguard.admin.testing.Api;
import dev.keyguard.admin.testing.Recordings;
import dev.keyguard.admin.testing.Reply;
import dev.keyguard.admin.testing.TestKeyguards;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Admin API contract ({@code shared/spec/api-keys.md}), written once and run over real HTTP
 * against every runtime: a subclass only says how to make the runtime's servlet. Restricted keys
 * are in the contracts it implements, {@link ScopedKeysContract} and {@link KeyRightsContract}.
 * Every exchange is recorded for the cross-runtime byte comparison; method order is fixed so that
 * both runtimes see the same clock at the same request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.MethodName.class)
public abstract class AdminApiContract
        implements AdminApiSuite, ScopedKeysContract, KeyRightsContract, KeyUsageApiContract {

    protected static final Instant START = Instant.parse("2026-05-04T10:00:00Z");
    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    protected final MutableClock clock = new MutableClock(START);
    protected Keyguard keyguard;
    protected AdminServer server;
    protected Api api;
    private final StringBuilder exchanges = new StringBuilder();
    private int organisations;

    /** The name of the runtime, for the recordings. */
    protected abstract String runtime();

    /** The runtime's servlet, serving the Admin API. */
    protected abstract ServletHolder adminServlet(Keyguard keyguard);

    /** The admin servlet's URL pattern. */
    protected String adminMapping() {
        return "/*";
    }

    @BeforeAll
    void startServer() {
        keyguard = TestKeyguards.start(clock);
        server = AdminServer.start(keyguard, adminServlet(keyguard), adminMapping());
        api = new Api(server.base());
        api.onExchange(exchanges::append);
    }

    @AfterAll
    void stopServer() {
        server.close();
        keyguard.close();
    }

    @BeforeEach
    void clearRecording() {
        exchanges.setLength(0);
    }

    @AfterEach
    void writeRecording(TestInfo test) {
        Recordings.write(
                runtime(), test.getTestMethod().orElseThrow().getName(), exchanges.toString());
    }

    @Override
    public Api api() {
        return api;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public String newOrganisation() {
        organisations++;
        return TestKeyguards.firstKey(keyguard, "org-" + organisations + "-" + UUID.randomUUID())
                .rawKey();
    }

    @Override
    public void flushUsage() {
        KeyguardInternals.of(keyguard).usage().flush();
    }

    private void tick() {
        clock.advance(Duration.ofSeconds(1));
    }

    @Override
    public JsonNode create(String key, String body) {
        tick();
        Reply reply = api.post(PATH, key, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().get("data");
    }

    // ---- GET /api/v1/api-keys

    @Test
    void listShowsTheOrganisationsKeysNewestFirstInTheContractShape() {
        String key = newOrganisation();
        create(key, "{\"name\":\"My Automation Script\"}");
        create(key, "{\"name\":\"Nightly export\",\"expiresAt\":\"2027-01-01\"}");

        Reply reply = api.get(PATH, key);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith(JSON);
        JsonNode body = reply.json();
        assertThat(fieldNames(body)).containsExactly("success", "data");
        assertThat(body.get("success").asBoolean()).isTrue();
        List<JsonNode> keys = StreamSupport.stream(body.get("data").spliterator(), false).toList();
        assertThat(keys)
                .extracting(k -> k.get("name").asText())
                .containsExactly("Nightly export", "My Automation Script", "Root key");
        JsonNode newest = keys.get(0);
        assertThat(fieldNames(newest))
                .containsExactly(
                        "id",
                        "name",
                        "keyPrefix",
                        "lastUsedAt",
                        "expiresAt",
                        "createdAt",
                        "user",
                        "scopes",
                        "allowedIps");
        assertThat(newest.get("keyPrefix").asText()).matches("ll_[0-9a-f]{10}");
        assertThat(newest.get("lastUsedAt").isNull()).isTrue();
        assertThat(newest.get("expiresAt").asText()).isEqualTo("2027-01-01T00:00:00.000Z");
        assertThat(newest.get("createdAt").asText())
                .matches(TIMESTAMP)
                .isEqualTo(clock.instant().toString().replace("Z", ".000Z"));
        assertThat(keys.get(1).get("expiresAt").isNull()).isTrue();
        assertThat(newest.get("user").toString())
                .isEqualTo(
                        "{\"firstName\":\"Alice\",\"lastName\":\"Smith\",\"email\":\"alice@example.com\"}");
    }

    @Test
    void listShowsLastUseWithMillisecondsAndExpiredKeys() {
        String key = newOrganisation();
        JsonNode shortLived =
                create(
                        key,
                        "{\"name\":\"short\",\"expiresAt\":\""
                                + clock.instant().plusSeconds(60)
                                + "\"}");
        KeyguardInternals.of(keyguard)
                .store()
                .recordLastUsed(
                        Map.of(
                                shortLived.get("id").asText(),
                                Instant.parse("2026-05-04T10:00:30.123456Z")));
        clock.advance(Duration.ofMinutes(2));

        JsonNode listed = api.get(PATH, key).json().get("data").get(0);

        assertThat(listed.get("name").asText()).isEqualTo("short");
        assertThat(listed.get("lastUsedAt").asText()).isEqualTo("2026-05-04T10:00:30.123Z");
        assertThat(Instant.parse(listed.get("expiresAt").asText())).isBefore(clock.instant());
    }

    @Test
    void anOrganisationNeverSeesAnotherOrganisationsKeys() {
        String mine = newOrganisation();
        String theirs = newOrganisation();
        create(theirs, "{\"name\":\"theirs\"}");

        JsonNode listed = api.get(PATH, mine).json().get("data");

        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("name").asText()).isEqualTo("Root key");
    }

    // ---- POST /api/v1/api-keys

    @Test
    void createAnswers201WithTheKeyOnceNoStoreAndLocation() {
        String key = newOrganisation();
        tick();

        Reply reply = api.post(PATH, key, "{\"name\":\"My Automation Script\",\"unknown\":[1]}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Content-Type")).startsWith(JSON);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        JsonNode data = reply.json().get("data");
        assertThat(fieldNames(reply.json())).containsExactly("success", "data");
        assertThat(fieldNames(data))
                .containsExactly(
                        "id",
                        "name",
                        "keyPrefix",
                        "expiresAt",
                        "createdAt",
                        "scopes",
                        "allowedIps",
                        "key");
        String raw = data.get("key").asText();
        assertThat(raw).matches("ll_[0-9a-f]{64}");
        assertThat(data.get("keyPrefix").asText()).isEqualTo(raw.substring(0, 13));
        assertThat(data.get("name").asText()).isEqualTo("My Automation Script");
        assertThat(data.get("expiresAt").isNull()).isTrue();
        assertThat(data.get("createdAt").asText())
                .isEqualTo(clock.instant().toString().replace("Z", ".000Z"));
        assertThat(data.get("id").asText()).matches("[A-Za-z0-9_-]+");
        assertThat(reply.header("Location"))
                .isEqualTo(server.base().resolve(PATH + "/" + data.get("id").asText()).toString());

        assertThat(api.get(PATH, raw).status()).isEqualTo(200);
        assertThat(api.get(PATH, key).text()).doesNotContain(raw);
    }

    @Test
    void createWithoutANameGivesTheDefaultName() {
        String key = newOrganisation();
        assertThat(create(key, "{}").get("name").asText()).isEqualTo("API Key");
        assertThat(create(key, "{\"name\":null}").get("name").asText()).isEqualTo("API Key");
        assertThat(create(key, "{\"name\":\"   \"}").get("name").asText()).isEqualTo("API Key");
        tick();
        Reply noBody = api.send("POST", PATH, key, null, null, Map.of());
        assertThat(noBody.status()).as(noBody.toString()).isEqualTo(201);
        assertThat(noBody.json().get("data").get("name").asText()).isEqualTo("API Key");
    }

    @Test
    void createAcceptsADateOrADateTimeWithOffset() {
        String key = newOrganisation();
        assertThat(create(key, "{\"expiresAt\":\"2027-01-01\"}").get("expiresAt").asText())
                .isEqualTo("2027-01-01T00:00:00.000Z");
        assertThat(
                        create(key, "{\"expiresAt\":\"2027-01-01T12:00:00Z\"}")
                                .get("expiresAt")
                                .asText())
                .isEqualTo("2027-01-01T12:00:00.000Z");
        assertThat(
                        create(key, "{\"expiresAt\":\"2027-01-01T12:00:00+02:00\"}")
                                .get("expiresAt")
                                .asText())
                .isEqualTo("2027-01-01T10:00:00.000Z");
        assertThat(create(key, "{\"expiresAt\":null}").get("expiresAt").isNull()).isTrue();
    }

    @Test
    void createAcceptsJsonWithACharsetAndInAnyCase() {
        String key = newOrganisation();
        tick();
        Reply reply =
                api.send(
                        "POST",
                        PATH,
                        key,
                        "Application/JSON; charset=utf-8",
                        "{\"name\":\"Zoë ✓\"}".getBytes(StandardCharsets.UTF_8),
                        Map.of());
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("data").get("name").asText()).isEqualTo("Zoë ✓");
    }

    @Test
    void eleventhActiveKeyIsRefused() {
        String key = newOrganisation();
        for (int i = 2; i <= 10; i++) {
            create(key, "{\"name\":\"key " + i + "\"}");
        }
        assertError(api.post(PATH, key, "{}"), 409, "key_limit_reached");
    }

    @Test
    void bodiesThatAreNotAJsonObjectAreInvalidJson() {
        String key = newOrganisation();
        for (String body :
                List.of(
                        "not json",
                        "[1]",
                        "\"text\"",
                        "42",
                        "null",
                        "{\"name\":",
                        "{\"name\":\"a\"} {}",
                        "{\"name\":\"a\",\"name\":\"b\"}",
                        " ")) {
            assertError(api.post(PATH, key, body), 400, "invalid_json");
        }
        byte[] notUtf8 = {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertError(api.send("POST", PATH, key, JSON, notUtf8, Map.of()), 400, "invalid_json");
    }

    @Test
    void badFieldsAreValidationErrors() {
        String key = newOrganisation();
        for (String body :
                List.of(
                        "{\"name\":\"" + "x".repeat(101) + "\"}",
                        "{\"name\":42}",
                        "{\"name\":{}}",
                        "{\"name\":true}",
                        "{\"expiresAt\":\"tomorrow\"}",
                        "{\"expiresAt\":\"2020-01-01\"}",
                        "{\"expiresAt\":20270101}",
                        "{\"expiresAt\":\"2027-01-01T12:00:00\"}",
                        "{\"expiresAt\":[]}")) {
            assertError(api.post(PATH, key, body), 400, "validation_error");
        }
        assertThat(create(key, "{\"name\":\"" + "x".repeat(100) + "\"}").get("name").asText())
                .hasSize(100);
    }

    @Test
    void aBodyOverSixteenKibibytesIsTooLarge() {
        String key = newOrganisation();
        String padding = "x".repeat(16 * 1024);
        assertError(
                api.post(PATH, key, "{\"name\":\"a\",\"pad\":\"" + padding + "\"}"),
                413,
                "payload_too_large");
        // Well over the limit: still a 413 that the client, writing its whole body first, reads.
        assertError(
                api.post(PATH, key, "{\"pad\":\"" + padding.repeat(16) + "\"}"),
                413,
                "payload_too_large");
        assertThat(api.get(PATH, key).status()).isEqualTo(200);
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeIsUnsupported() {
        String key = newOrganisation();
        byte[] body = "{\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        assertError(
                api.send("POST", PATH, key, "text/plain", body, Map.of()),
                415,
                "unsupported_media_type");
        assertError(
                api.send(
                        "POST",
                        PATH,
                        key,
                        "application/x-www-form-urlencoded",
                        "name=a".getBytes(StandardCharsets.UTF_8),
                        Map.of()),
                415,
                "unsupported_media_type");
        assertError(
                api.send("POST", PATH, key, null, body, Map.of()), 415, "unsupported_media_type");
    }

    // ---- DELETE /api/v1/api-keys/{id}

    @Test
    void revokedKeyIsRejectedOnTheNextRequest() {
        String key = newOrganisation();
        JsonNode other = create(key, "{\"name\":\"other\"}");
        String otherKey = other.get("key").asText();
        assertThat(api.get(PATH, otherKey).status()).isEqualTo(200);

        Reply reply = api.delete(PATH + "/" + other.get("id").asText(), key);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("{\"success\":true}");
        assertThat(api.get(PATH, otherKey).status()).isEqualTo(401);
        assertThat(api.get(PATH, key).json().get("data")).hasSize(1);
    }

    @Test
    void aKeyMayRevokeItself() {
        String key = newOrganisation();
        JsonNode self = create(key, "{\"name\":\"self\"}");
        String selfKey = self.get("key").asText();

        assertThat(api.delete(PATH + "/" + self.get("id").asText(), selfKey).status())
                .isEqualTo(200);

        assertThat(api.get(PATH, selfKey).status()).isEqualTo(401);
    }

    @Test
    void unknownForeignAndRevokedIdsAreTheSame404() {
        String mine = newOrganisation();
        String theirs = newOrganisation();
        String theirId = create(theirs, "{\"name\":\"theirs\"}").get("id").asText();
        String revokedId = create(mine, "{\"name\":\"gone\"}").get("id").asText();
        assertThat(api.delete(PATH + "/" + revokedId, mine).status()).isEqualTo(200);

        Reply unknown = api.delete(PATH + "/key_doesNotExist0000000", mine);
        Reply foreign = api.delete(PATH + "/" + theirId, mine);
        Reply revoked = api.delete(PATH + "/" + revokedId, mine);
        Reply tooLong = api.delete(PATH + "/" + "x".repeat(200), mine);

        assertError(unknown, 404, "not_found");
        for (Reply reply : List.of(foreign, revoked, tooLong)) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.text()).isEqualTo(unknown.text());
        }
        assertThat(api.get(PATH, theirs).json().get("data")).hasSize(2);
    }

    // ---- Rotation

    @Test
    void rotationWithGraceZeroEndsTheOldKeyNow() {
        String key = newOrganisation();
        JsonNode old = create(key, "{\"name\":\"deploy bot\"}");
        String oldKey = old.get("key").asText();
        tick();

        Reply reply =
                api.post(
                        PATH + "/" + old.get("id").asText() + "/rotate",
                        key,
                        "{\"gracePeriodSeconds\":0}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        JsonNode data = reply.json().get("data");
        assertThat(fieldNames(data))
                .containsExactly(
                        "id",
                        "name",
                        "keyPrefix",
                        "expiresAt",
                        "createdAt",
                        "scopes",
                        "allowedIps",
                        "key",
                        "previousKey");
        assertThat(reply.header("Location"))
                .isEqualTo(server.base().resolve(PATH + "/" + data.get("id").asText()).toString());
        assertThat(data.get("name").asText()).isEqualTo("deploy bot");
        assertThat(data.get("expiresAt").isNull()).isTrue();
        assertThat(data.get("previousKey").get("id").asText()).isEqualTo(old.get("id").asText());
        assertThat(data.get("previousKey").get("expiresAt").asText())
                .isEqualTo(data.get("createdAt").asText());
        assertThat(api.get(PATH, oldKey).status()).isEqualTo(401);
        assertThat(api.get(PATH, data.get("key").asText()).status()).isEqualTo(200);
    }

    @Test
    void rotationWithAGracePeriodKeepsTheOldKeyUntilItPasses() {
        String key = newOrganisation();
        JsonNode old = create(key, "{\"name\":\"deploy bot\"}");
        String oldKey = old.get("key").asText();

        tick();
        JsonNode data =
                api.post(
                                PATH + "/" + old.get("id").asText() + "/rotate",
                                key,
                                "{\"gracePeriodSeconds\":3600}")
                        .json()
                        .get("data");

        assertThat(Instant.parse(data.get("previousKey").get("expiresAt").asText()))
                .isEqualTo(clock.instant().plusSeconds(3600));
        assertThat(api.get(PATH, oldKey).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(3599));
        assertThat(api.get(PATH, oldKey).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(api.get(PATH, oldKey).status()).isEqualTo(401);
        assertThat(api.get(PATH, data.get("key").asText()).status()).isEqualTo(200);
    }

    @Test
    void rotationWithoutABodyGivesADayOfGrace() {
        String key = newOrganisation();
        JsonNode old = create(key, "{}");
        tick();

        Reply reply =
                api.send(
                        "POST",
                        PATH + "/" + old.get("id").asText() + "/rotate",
                        key,
                        null,
                        null,
                        Map.of());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(
                        Instant.parse(
                                reply.json()
                                        .get("data")
                                        .get("previousKey")
                                        .get("expiresAt")
                                        .asText()))
                .isEqualTo(clock.instant().plus(Duration.ofDays(1)));
        tick();
        Reply emptyObject =
                api.post(
                        PATH + "/" + reply.json().get("data").get("id").asText() + "/rotate",
                        key,
                        "{\"gracePeriodSeconds\":null}");
        assertThat(emptyObject.status()).isEqualTo(201);
    }

    @Test
    void rotationKeepsTheNameAndTheLifetime() {
        String key = newOrganisation();
        JsonNode old =
                create(
                        key,
                        "{\"name\":\"ninety days\",\"expiresAt\":\""
                                + clock.instant().plus(Duration.ofDays(90))
                                + "\"}");
        clock.advance(Duration.ofDays(10));

        JsonNode data =
                api.post(
                                PATH + "/" + old.get("id").asText() + "/rotate",
                                key,
                                "{\"gracePeriodSeconds\":60}")
                        .json()
                        .get("data");

        Duration lifetime =
                Duration.between(
                        Instant.parse(old.get("createdAt").asText()),
                        Instant.parse(old.get("expiresAt").asText()));
        assertThat(data.get("name").asText()).isEqualTo("ninety days");
        assertThat(Instant.parse(data.get("expiresAt").asText()))
                .isEqualTo(clock.instant().plus(lifetime));
    }

    @Test
    void rotationWorksAtTheKeyLimitAndTheRetiringKeyDoesNotCount() {
        String key = newOrganisation();
        List<JsonNode> created = new ArrayList<>();
        for (int i = 2; i <= 10; i++) {
            created.add(create(key, "{\"name\":\"key " + i + "\"}"));
        }
        assertError(api.post(PATH, key, "{}"), 409, "key_limit_reached");

        tick();
        Reply rotated =
                api.post(
                        PATH + "/" + created.get(0).get("id").asText() + "/rotate",
                        key,
                        "{\"gracePeriodSeconds\":600}");

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
        assertThat(api.get(PATH, key).json().get("data")).hasSize(11);
        assertError(api.post(PATH, key, "{}"), 409, "key_limit_reached");
    }

    @Test
    void aKeyCanBeRotatedOnlyOnce() {
        String key = newOrganisation();
        String id = create(key, "{}").get("id").asText();
        assertThat(api.post(PATH + "/" + id + "/rotate", key, "{}").status()).isEqualTo(201);

        assertError(api.post(PATH + "/" + id + "/rotate", key, "{}"), 409, "key_not_rotatable");
    }

    @Test
    void rotationChecksTheGracePeriodAndTheId() {
        String key = newOrganisation();
        String theirs = newOrganisation();
        String id = create(key, "{}").get("id").asText();
        for (String body :
                List.of(
                        "{\"gracePeriodSeconds\":-1}",
                        "{\"gracePeriodSeconds\":2592001}",
                        "{\"gracePeriodSeconds\":\"60\"}",
                        "{\"gracePeriodSeconds\":1.5}",
                        "{\"gracePeriodSeconds\":1e400}",
                        "{\"gracePeriodSeconds\":99999999999999999999999}")) {
            assertError(api.post(PATH + "/" + id + "/rotate", key, body), 400, "validation_error");
        }
        assertError(api.post(PATH + "/" + id + "/rotate", key, "[]"), 400, "invalid_json");
        assertError(api.post(PATH + "/" + id + "/rotate", theirs, "{}"), 404, "not_found");
        assertError(
                api.post(PATH + "/key_doesNotExist0000000/rotate", key, "{}"), 404, "not_found");
        assertThat(
                        api.post(
                                        PATH + "/" + id + "/rotate",
                                        key,
                                        "{\"gracePeriodSeconds\":2592000}")
                                .status())
                .isEqualTo(201);
    }

    // ---- GET /api/v1/api-keys/events

    /**
     * Events are timed by the database server's clock, to the millisecond, and events of the same
     * millisecond are ordered by key id: a short pause keeps this suite's events apart, so their
     * order (and the runtimes' recordings) is fixed.
     */
    private static void pauseForTheDatabaseClock() {
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void eventsAreTheOrganisationsAuditTrailNewestFirstWithTheirActors() {
        String key = newOrganisation();
        String keyId = api.get(PATH, key).json().get("data").get(0).get("id").asText();
        String theirs = newOrganisation();
        pauseForTheDatabaseClock();
        JsonNode created = create(key, "{\"name\":\"deploy bot\"}");
        pauseForTheDatabaseClock();
        Reply revoked = api.delete(PATH + "/" + created.get("id").asText(), key);
        assertThat(revoked.status()).isEqualTo(200);

        Reply reply = api.get(PATH + "/events", key);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith(JSON);
        JsonNode data = reply.json().get("data");
        assertThat(fieldNames(data)).containsExactly("events", "nextCursor");
        assertThat(data.get("nextCursor").isNull()).isTrue();
        List<JsonNode> events =
                StreamSupport.stream(data.get("events").spliterator(), false).toList();
        assertThat(events)
                .extracting(e -> e.get("type").asText() + " " + e.get("keyName").asText())
                .containsExactly("revoked deploy bot", "created deploy bot", "created Root key");
        JsonNode newest = events.get(0);
        assertThat(fieldNames(newest))
                .containsExactly("type", "keyId", "keyName", "keyPrefix", "actor", "occurredAt");
        assertThat(newest.get("keyId").asText()).isEqualTo(created.get("id").asText());
        assertThat(newest.get("keyPrefix").asText()).isEqualTo(created.get("keyPrefix").asText());
        assertThat(newest.get("actor").toString())
                .isEqualTo("{\"keyId\":\"" + keyId + "\",\"userId\":\"user-alice\"}");
        assertThat(newest.get("occurredAt").asText()).matches(TIMESTAMP);
        assertThat(events.get(2).get("actor").isNull()).as("minted by an operator").isTrue();
        assertThat(api.get(PATH + "/events", theirs).json().get("data").get("events")).hasSize(1);
    }

    @Test
    void eventsComeInPagesLinkedByAnOpaqueCursor() {
        String key = newOrganisation();
        for (int i = 0; i < 4; i++) {
            pauseForTheDatabaseClock();
            create(key, "{\"name\":\"key " + i + "\"}");
        }

        JsonNode first = api.get(PATH + "/events?limit=2", key).json().get("data");
        String cursor = first.get("nextCursor").asText();
        JsonNode second =
                api.get(PATH + "/events?limit=2&cursor=" + cursor, key).json().get("data");
        JsonNode third =
                api.get(PATH + "/events?limit=2&cursor=" + second.get("nextCursor").asText(), key)
                        .json()
                        .get("data");

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        List<String> names = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.get("events").forEach(e -> names.add(e.get("keyName").asText()));
        }
        assertThat(names).containsExactly("key 3", "key 2", "key 1", "key 0", "Root key");
        assertThat(third.get("nextCursor").isNull()).isTrue();
        assertThat(api.get(PATH + "/events?cursor=" + cursor, key).json().get("data").get("events"))
                .hasSize(3);
    }

    @Test
    void aBadCursorOrLimitIsAValidationError() {
        String key = newOrganisation();
        for (String query :
                List.of(
                        "limit=0",
                        "limit=201",
                        "limit=abc",
                        "limit=",
                        "limit=%2B7",
                        "limit=%207",
                        "limit=7%20",
                        "limit=%D9%A3",
                        "cursor=not-a-cursor",
                        "cursor=")) {
            assertError(api.get(PATH + "/events?" + query, key), 400, "validation_error");
        }
        assertThat(api.get(PATH + "/events?limit=200", key).status()).isEqualTo(200);
    }

    @Test
    void eventsIsNotAKeyIdSoDeletingOrRotatingItFindsNoKey() {
        String key = newOrganisation();

        assertError(api.delete(PATH + "/events", key), 404, "not_found");
        assertError(api.post(PATH + "/events/rotate", key, "{}"), 404, "not_found");
        assertThat(api.get(PATH, key).json().get("data")).hasSize(1);
    }

    // ---- The runtime's own errors and authentication

    @Test
    void wrongMethodsAre405WithTheMethodsThePathHas() {
        String key = newOrganisation();
        Reply put =
                api.send("PUT", PATH, key, JSON, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertError(put, 405, "method_not_allowed");
        assertThat(put.header("Allow")).isEqualTo("GET, HEAD, POST");
        Reply patch =
                api.send(
                        "PATCH",
                        PATH + "/some-id",
                        key,
                        JSON,
                        "{}".getBytes(StandardCharsets.UTF_8),
                        Map.of());
        assertError(patch, 405, "method_not_allowed");
        assertThat(patch.header("Allow")).isEqualTo("GET, HEAD, DELETE");
        Reply get = api.get(PATH + "/some-id/rotate", key);
        assertError(get, 405, "method_not_allowed");
        assertThat(get.header("Allow")).isEqualTo("POST");
        Reply putEvents = api.send("PUT", PATH + "/events", key, null, null, Map.of());
        assertError(putEvents, 405, "method_not_allowed");
        assertThat(putEvents.header("Allow")).isEqualTo("GET, HEAD");
    }

    /**
     * Issue 13, finding 6: OPTIONS answered 200 with Jersey's WADL (the resource tree) or
     * RESTEasy's method list, and TRACE a 405 whose Allow named OPTIONS. Neither is a method of the
     * Admin API: both are 405 with the path's real methods, as any other method it lacks.
     */
    @Test
    void optionsAndTraceAre405WithTheMethodsThePathHas() {
        String key = newOrganisation();
        String id = api.get(PATH, key).json().get("data").get(0).get("id").asText();
        Map<String, String> allowed = new LinkedHashMap<>();
        allowed.put(PATH, "GET, HEAD, POST");
        allowed.put(PATH + "/" + id, "GET, HEAD, DELETE");
        allowed.put(PATH + "/" + id + "/rotate", "POST");
        allowed.put(PATH + "/events", "GET, HEAD");
        allowed.put(PATH + "/key_doesNotExist0000000", "GET, HEAD, DELETE");

        allowed.forEach(
                (path, allow) -> {
                    for (String method : List.of("OPTIONS", "TRACE")) {
                        Reply reply = api.send(method, path, key, null, null, Map.of());
                        assertError(reply, 405, "method_not_allowed");
                        assertThat(reply.header("Allow")).as(method + " " + path).isEqualTo(allow);
                        assertThat(reply.text()).doesNotContain("wadl").doesNotContain(key);
                    }
                });
        assertThat(api.send("HEAD", PATH, key, null, null, Map.of()).status())
                .as("HEAD, which Allow names")
                .isEqualTo(200);
        assertThat(api.send("HEAD", PATH + "/events", key, null, null, Map.of()).status())
                .isEqualTo(200);
    }

    /**
     * A CORS preflight without a key is the filter's 401 (keyguard.cors.preflight-pass-through is
     * off by default); with a key it reaches the Admin API, which has no OPTIONS: 405.
     */
    @Test
    void aPreflightWithoutAKeyIs401AndWithAKey405() {
        String key = newOrganisation();
        Map<String, String> preflight =
                Map.of(
                        "Origin", "https://evil.example",
                        "Access-Control-Request-Method", "DELETE");

        Reply anonymous = api.send("OPTIONS", PATH, null, null, null, preflight);
        Reply withKey = api.send("OPTIONS", PATH, key, null, null, preflight);

        assertError(anonymous, 401, "unauthorized");
        assertError(withKey, 405, "method_not_allowed");
        assertThat(withKey.header("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(withKey.header("Access-Control-Allow-Origin")).isNull();
        assertThat(withKey.header("Access-Control-Allow-Methods")).isNull();
    }

    /**
     * With {@code keyguard.cors.preflight-pass-through} on, a preflight without a key passes the
     * filter and reaches the Admin API, which does not do CORS: 405, no CORS headers. Anything else
     * without a key is still the filter's 401.
     */
    @Test
    void aPreflightLetThroughByTheFilterIs405() {
        Map<String, String> preflight =
                Map.of(
                        "Origin", "https://app.example",
                        "Access-Control-Request-Method", "POST");
        try (Keyguard passing = TestKeyguards.startLettingPreflightsThrough(clock);
                AdminServer through =
                        AdminServer.start(passing, adminServlet(passing), adminMapping())) {
            Api anonymous = new Api(through.base());
            anonymous.onExchange(exchanges::append);

            Reply reply = anonymous.send("OPTIONS", PATH, null, null, null, preflight);

            assertError(reply, 405, "method_not_allowed");
            assertThat(reply.header("Allow")).isEqualTo("GET, HEAD, POST");
            assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
            assertError(
                    anonymous.send("OPTIONS", PATH, null, null, null, Map.of()),
                    401,
                    "unauthorized");
            assertError(anonymous.get(PATH, null), 401, "unauthorized");
        }
    }

    /**
     * Issue 13, finding 6: Jersey served its WADL, the whole resource tree and Jersey's version, at
     * {@code /application.wadl}. No runtime describes the application: 404 (in the envelope where
     * Keyguard's application owns the path). Not recorded: under a host's own Jersey application
     * (the feature) the 404 is the host's, whose body differs from the other runtimes'.
     */
    @Test
    void noRuntimeServesADescriptionOfTheApplication() {
        String key = newOrganisation();
        Api unrecorded = new Api(server.base());
        for (String path : List.of("application.wadl", "application.wadl?detail=true")) {
            Reply reply = unrecorded.get(path, key);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.text())
                    .doesNotContain("wadl.dev.java.net")
                    .doesNotContain("<resource")
                    .doesNotContain("api-keys");
        }
    }

    /**
     * Issue 13, finding 7: ids with an encoded {@code /} or {@code \\}. Jetty refuses such URIs
     * before the filter (its own 400, see admin-api.md); a container that lets them through (here
     * Jetty with its URI compliance checks off) reaches the resource, whose answer is the envelope:
     * no such key, never a page of the runtime's. (An encoded NUL Jetty refuses even then; the
     * service answers such an id {@code not_found} without asking the store, see
     * ApiKeyServiceContract.) With the servlet at its own path, {@code .../api-keys/%2E%2E} is
     * {@code /api/v1/}, which is not the Admin API's.
     */
    @Test
    void idsWithEncodedSlashesOrBackslashesThatGetThroughAreNotFound() {
        String key = newOrganisation();
        try (AdminServer lenient =
                AdminServer.startLenient(keyguard, adminServlet(keyguard), adminMapping())) {
            Api through = new Api(lenient.base());
            for (String id : List.of("a%2Fb", "a%2fb", "a%5Cb", "key_%2F%2E%2E", "%2E%2E")) {
                Reply delete = through.delete(PATH + "/" + id, key);
                Reply rotate = through.post(PATH + "/" + id + "/rotate", key, "{}");
                if (id.equals("%2E%2E") && !adminMapping().equals("/*")) {
                    // .../api-keys/.. is /api/v1/, outside the servlet's mapping: the
                    // container's answer (Jetty's 405 without a servlet for the path).
                    assertThat(delete.status()).as(id + ": " + delete).isGreaterThanOrEqualTo(400);
                    continue;
                }
                for (Reply reply : List.of(delete, rotate)) {
                    assertThat(reply.status()).as(id + ": " + reply).isIn(400, 404);
                    assertThat(reply.header("Content-Type")).as(id).startsWith(JSON);
                    assertThat(reply.json().get("success").asBoolean()).isFalse();
                }
            }
            assertThat(through.get(PATH, key).json().get("data")).hasSize(1);
        }
    }

    @Test
    void unknownPathsAre404() {
        String key = newOrganisation();
        assertError(api.get(PATH + "/some-id/nothing/here", key), 404, "not_found");
    }

    @Test
    void aClientThatAcceptsNoJsonGets406() {
        String key = newOrganisation();
        assertError(
                api.send("GET", PATH, key, null, null, Map.of("Accept", "text/html")),
                406,
                "not_acceptable");
    }

    @Test
    void missingAndInvalidKeysAre401() {
        assertError(api.get(PATH, null), 401, "unauthorized");
        assertError(api.get(PATH, TestKeys.unminted()), 401, "unauthorized");
        assertError(api.get(PATH, TestKeys.badChecksum()), 401, "unauthorized");
    }

    @Test
    void withoutTheFilterInFrontEveryRequestIs401() {
        try (AdminServer bare =
                AdminServer.start(keyguard, adminServlet(keyguard), adminMapping(), false)) {
            Api unauthenticated = new Api(bare.base());
            for (Reply reply :
                    List.of(
                            unauthenticated.get(PATH, null),
                            unauthenticated.post(PATH, null, "{}"),
                            unauthenticated.delete(PATH + "/key_doesNotExist0000000", null))) {
                assertError(reply, 401, "unauthorized");
                assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
            }
        }
    }

    @Test
    void anUnreachableDatabaseIs503WithRetryAfter() {
        String key = newOrganisation();
        Keyguard broken = TestKeyguards.startBroken(clock);
        Object running = server.servletContext().getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
        server.servletContext().setAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE, broken);
        try {
            for (Reply reply :
                    List.of(
                            api.get(PATH, key),
                            api.post(PATH, key, "{}"),
                            api.delete(PATH + "/key_doesNotExist0000000", key))) {
                assertError(reply, 503, "unavailable");
                assertThat(reply.header("Retry-After")).isEqualTo("5");
                assertThat(reply.text()).doesNotContain("Exception").doesNotContain("at ");
            }
        } finally {
            server.servletContext().setAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE, running);
            broken.close();
        }
    }

    @Test
    void withoutARunningKeyguardTheApiIsUnavailable() {
        String key = newOrganisation();
        Object running = server.servletContext().getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
        server.servletContext().removeAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
        try {
            assertError(api.get(PATH, key), 503, "unavailable");
        } finally {
            server.servletContext().setAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE, running);
        }
    }
}
