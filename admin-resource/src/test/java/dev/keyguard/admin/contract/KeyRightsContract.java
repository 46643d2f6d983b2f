package dev.keyguard.admin.contract;

import static dev.keyguard.admin.contract.Envelopes.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyguard.admin.testing.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a restricted key may do through the Admin API: nothing without {@code keys:manage} (403
 * {@code insufficient_scope} before its body is read), never give a key more rights than its own
 * (403 {@code rights_exceeded}, nothing stored), and nothing at all from outside its allowed
 * addresses (the filter's 403 {@code ip_not_allowed}); and how rotation keeps or changes scopes,
 * addresses, name and expiry. Run by {@link AdminApiContract} on every runtime. The client is
 * 127.0.0.1.
 */
public interface KeyRightsContract extends AdminApiSuite {

    String CHALLENGE =
            "Bearer realm=\"keyguard\", error=\"insufficient_scope\", scope=\"keys:manage\"";

    @Test
    default void aKeyWithoutKeysManageGets403OnEveryOperationEvenWithABadBody() {
        String root = newOrganisation();
        String rootId = api().get(PATH, root).json().at("/data/0/id").asText();
        String reader =
                create(root, "{\"scopes\":[\"leads:read\",\"leads:write\"]}").get("key").asText();
        String nothing = create(root, "{\"scopes\":[]}").get("key").asText();
        int events = eventCount(root);
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
        byte[] tooLarge =
                ("{\"pad\":\"" + "x".repeat(17 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        String rotate = PATH + "/" + rootId + "/rotate";

        for (String key : List.of(reader, nothing)) {
            List<Reply> replies =
                    List.of(
                            api().get(PATH, key),
                            api().get(PATH + "/" + rootId, key),
                            api().get(PATH + "/key_doesNotExist0000000", key),
                            api().get(PATH + "/events", key),
                            api().get(PATH + "/events?limit=abc", key),
                            api().post(PATH, key, "{}"),
                            api().post(PATH, key, "{\"scopes\":[\"leads:read\"]}"),
                            api().send("POST", PATH, key, null, null, Map.of()),
                            api().post(PATH, key, "[1]"),
                            api().post(PATH, key, "{\"scopes\":\"nope\"}"),
                            api().send("POST", PATH, key, "application/json", notJson, Map.of()),
                            api().send("POST", PATH, key, "text/plain", notJson, Map.of()),
                            api().send("POST", PATH, key, "application/json", tooLarge, Map.of()),
                            api().delete(PATH + "/" + rootId, key),
                            api().delete(PATH + "/key_doesNotExist0000000", key),
                            api().post(rotate, key, "{\"gracePeriodSeconds\":0}"),
                            api().post(rotate, key, "{\"gracePeriodSeconds\":-1}"),
                            api().send("POST", rotate, key, "text/plain", notJson, Map.of()));
            for (Reply reply : replies) {
                assertError(reply, 403, "insufficient_scope");
                assertThat(reply.header("WWW-Authenticate"))
                        .as(reply.toString())
                        .isEqualTo(CHALLENGE);
                assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
            }
        }
        assertThat(api().get(PATH, root).json().get("data")).hasSize(3);
        assertThat(eventCount(root)).isEqualTo(events);
        assertThat(api().get(PATH + "/" + rootId, root).json().at("/data/expiresAt").isNull())
                .as("not rotated")
                .isTrue();
    }

    @Test
    default void aRestrictedKeyCannotGiveAKeyMoreRightsThanItsOwn() {
        String root = newOrganisation();
        Instant expiry = clock().instant().plus(Duration.ofDays(30));
        String manager = manager(root, expiry, "127.0.0.0/8");
        String within = "\"expiresAt\":\"" + expiry + "\",\"allowedIps\":[\"127.0.0.0/8\"]";
        int keys = api().get(PATH, root).json().get("data").size();
        int events = eventCount(root);

        for (String body :
                List.of(
                        "{" + within + "}", // unrestricted
                        "{\"scopes\":null," + within + "}",
                        "{\"scopes\":[\"leads:write\"]," + within + "}",
                        "{\"scopes\":[\"keys:manage\",\"leads:read\",\"leads:write\"],"
                                + within
                                + "}",
                        "{\"scopes\":[\"leads:read\"],\"allowedIps\":[\"127.0.0.0/8\"]}", // no
                        // expiry
                        "{\"scopes\":[\"leads:read\"],\"expiresAt\":null,\"allowedIps\":[\"127.0.0.0/8\"]}",
                        "{\"scopes\":[\"leads:read\"],\"expiresAt\":\""
                                + expiry.plusSeconds(1)
                                + "\",\"allowedIps\":[\"127.0.0.0/8\"]}",
                        "{\"scopes\":[\"leads:read\"],\"expiresAt\":\"2099-01-01\","
                                + "\"allowedIps\":[\"127.0.0.0/8\"]}",
                        "{\"scopes\":[\"leads:read\"],\"expiresAt\":\""
                                + expiry
                                + "\"}", // anywhere
                        withIps(expiry, "null"),
                        withIps(expiry, "[\"10.0.0.0/8\"]"),
                        withIps(expiry, "[\"126.0.0.0/7\"]"),
                        withIps(expiry, "[\"127.0.0.0/8\",\"10.0.0.1\"]"),
                        withIps(expiry, "[\"0.0.0.0/0\"]"),
                        withIps(expiry, "[\"::/0\"]"),
                        withIps(expiry, "[\"::1\"]"))) {
            Reply reply = api().post(PATH, manager, body);
            assertError(reply, 403, "rights_exceeded");
            assertThat(reply.header("WWW-Authenticate")).as(body).isNull();
            assertThat(reply.text()).as(body).doesNotContain("127.0.0.0");
        }
        assertThat(api().get(PATH, root).json().get("data")).hasSize(keys);
        assertThat(eventCount(root)).isEqualTo(events);

        // Within its rights: exactly its own, less, a narrower block, an earlier expiry.
        assertThat(
                        create(
                                        manager,
                                        "{\"scopes\":[\"keys:manage\",\"leads:read\"],"
                                                + within
                                                + "}")
                                .get("scopes")
                                .toString())
                .isEqualTo("[\"keys:manage\",\"leads:read\"]");
        assertThat(create(manager, "{\"scopes\":[]," + within + "}").get("scopes").toString())
                .isEqualTo("[]");
        JsonNode narrower =
                create(
                        manager,
                        "{\"scopes\":[\"keys:manage\"],\"expiresAt\":\""
                                + expiry.minus(Duration.ofDays(1))
                                + "\",\"allowedIps\":[\"127.0.0.1\",\"127.0.1.0/24\"]}");
        assertThat(narrower.get("allowedIps").toString())
                .isEqualTo("[\"127.0.0.1/32\",\"127.0.1.0/24\"]");
        assertThat(Instant.parse(narrower.get("expiresAt").asText()))
                .isEqualTo(expiry.minus(Duration.ofDays(1)));

        // The key it made is bound the same way: its own narrower block is its limit.
        String second = narrower.get("key").asText();
        assertError(
                api().post(PATH, second, "{\"scopes\":[]," + within + "}"), 403, "rights_exceeded");
        assertError(
                api().post(
                                PATH,
                                second,
                                "{\"scopes\":[\"leads:read\"],\"expiresAt\":\""
                                        + expiry.minus(Duration.ofDays(2))
                                        + "\",\"allowedIps\":[\"127.0.0.1\"]}"),
                403,
                "rights_exceeded");
        assertThat(
                        create(
                                        second,
                                        "{\"scopes\":[],\"expiresAt\":\""
                                                + expiry.minus(Duration.ofDays(2))
                                                + "\",\"allowedIps\":[\"127.0.1.128/25\"]}")
                                .get("allowedIps")
                                .toString())
                .isEqualTo("[\"127.0.1.128/25\"]");
    }

    @Test
    default void aRestrictedKeyCannotRotateOrRevokeAKeyWithMoreRightsAndNothingChanges() {
        String root = newOrganisation();
        String rootId = api().get(PATH, root).json().at("/data/0/id").asText();
        Instant expiry = clock().instant().plus(Duration.ofDays(30));
        String manager = manager(root, expiry, "127.0.0.0/8");
        int events = eventCount(root);

        // The attack: end the production key at once and take its place. Not even with
        // a replacement narrowed to the manager's own rights.
        for (String body :
                List.of(
                        "{}",
                        "{\"gracePeriodSeconds\":0}",
                        "{\"scopes\":[\"leads:read\"]}",
                        "{\"scopes\":[\"leads:read\"],\"expiresAt\":\"" + expiry + "\"}",
                        "{\"scopes\":[\"leads:read\"],\"allowedIps\":[\"127.0.0.0/8\"]}",
                        "{\"expiresAt\":\"" + expiry + "\",\"allowedIps\":[\"127.0.0.0/8\"]}",
                        "{\"gracePeriodSeconds\":0,\"scopes\":[\"leads:read\"],\"expiresAt\":\""
                                + expiry
                                + "\",\"allowedIps\":[\"127.0.0.0/8\"]}")) {
            assertError(
                    api().post(PATH + "/" + rootId + "/rotate", manager, body),
                    403,
                    "rights_exceeded");
        }
        assertError(api().delete(PATH + "/" + rootId, manager), 403, "rights_exceeded");

        assertThat(api().get(PATH, root).status()).as("the old key still works").isEqualTo(200);
        assertThat(eventCount(root)).as("no event").isEqualTo(events);
        JsonNode unchanged = api().get(PATH + "/" + rootId, root).json().get("data");
        assertThat(unchanged.get("expiresAt").isNull()).isTrue();
        assertThat(unchanged.get("scopes").isNull()).isTrue();

        // A key within its rights it may rotate and revoke; itself too.
        JsonNode reader =
                create(
                        manager,
                        "{\"scopes\":[\"leads:read\"],\"expiresAt\":\""
                                + expiry
                                + "\",\"allowedIps\":[\"127.0.0.0/8\"]}");
        clock().advance(Duration.ofSeconds(1));
        Reply rotated =
                api().post(
                                PATH + "/" + reader.get("id").asText() + "/rotate",
                                manager,
                                "{\"gracePeriodSeconds\":0,\"expiresAt\":\"" + expiry + "\"}");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
        assertThat(rotated.json().at("/data/scopes").toString()).isEqualTo("[\"leads:read\"]");
        Reply revoked = api().delete(PATH + "/" + rotated.json().at("/data/id").asText(), manager);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
    }

    @Test
    default void rotationKeepsOrChangesNameScopesAddressesAndExpiry() {
        String root = newOrganisation();
        Instant start = clock().instant();
        JsonNode old =
                create(
                        root,
                        "{\"name\":\"importer\",\"scopes\":[\"leads:read\"],"
                                + "\"allowedIps\":[\"192.0.2.0/24\"],\"expiresAt\":\""
                                + start.plus(Duration.ofDays(90))
                                + "\"}");
        Duration lifetime =
                Duration.between(
                        Instant.parse(old.get("createdAt").asText()),
                        Instant.parse(old.get("expiresAt").asText()));

        JsonNode kept = rotate(root, old, "{\"name\":\"   \"}");
        assertThat(kept.get("name").asText()).isEqualTo("importer");
        assertThat(kept.get("scopes").toString()).isEqualTo("[\"leads:read\"]");
        assertThat(kept.get("allowedIps").toString()).isEqualTo("[\"192.0.2.0/24\"]");
        assertThat(Instant.parse(kept.get("expiresAt").asText()))
                .isEqualTo(clock().instant().plus(lifetime));

        JsonNode changed =
                rotate(
                        root,
                        kept,
                        "{\"name\":\"importer v2\",\"scopes\":[\"leads:write\",\"leads:read\"],"
                                + "\"allowedIps\":[\"198.51.100.0/24\",\"2001:DB8::/32\"],"
                                + "\"expiresAt\":\"2027-06-01\"}");
        assertThat(changed.get("name").asText()).isEqualTo("importer v2");
        assertThat(changed.get("scopes").toString()).isEqualTo("[\"leads:read\",\"leads:write\"]");
        assertThat(changed.get("allowedIps").toString())
                .isEqualTo("[\"198.51.100.0/24\",\"2001:db8::/32\"]");
        assertThat(changed.get("expiresAt").asText()).isEqualTo("2027-06-01T00:00:00.000Z");
        JsonNode shown =
                api().get(PATH + "/" + changed.get("id").asText(), root).json().get("data");
        assertThat(shown.get("scopes")).isEqualTo(changed.get("scopes"));
        assertThat(shown.get("allowedIps")).isEqualTo(changed.get("allowedIps"));

        JsonNode opened = rotate(root, changed, "{\"scopes\":null,\"allowedIps\":null}");
        assertThat(opened.get("scopes").isNull()).as("\"scopes\":null is unrestricted").isTrue();
        assertThat(opened.get("allowedIps").isNull())
                .as("\"allowedIps\":null is anywhere")
                .isTrue();
        assertThat(opened.get("name").asText()).isEqualTo("importer v2");
        assertThat(api().get(PATH, opened.get("key").asText()).status())
                .as("unrestricted: it has keys:manage")
                .isEqualTo(200);
    }

    @Test
    default void aRestrictedKeyMayNotRotateToUnrestrictedNorPastItsOwnExpiry() {
        String root = newOrganisation();
        Instant expiry = clock().instant().plus(Duration.ofDays(30));
        String manager = manager(root, expiry, "127.0.0.0/8");
        JsonNode managerKey = api().get(PATH, manager).json().at("/data/0");
        JsonNode reader =
                create(
                        manager,
                        "{\"scopes\":[\"leads:read\"],\"expiresAt\":\""
                                + expiry
                                + "\","
                                + "\"allowedIps\":[\"127.0.0.0/8\"]}");
        clock().advance(Duration.ofDays(1));

        for (String body :
                List.of(
                        "{\"scopes\":null,\"expiresAt\":\"" + expiry + "\"}",
                        "{\"allowedIps\":null,\"expiresAt\":\"" + expiry + "\"}",
                        "{\"scopes\":[\"leads:write\"],\"expiresAt\":\"" + expiry + "\"}",
                        "{}", // the old lifetime from now reaches past the manager's expiry
                        "{\"expiresAt\":\"" + expiry.plusSeconds(1) + "\"}")) {
            assertError(
                    api().post(PATH + "/" + reader.get("id").asText() + "/rotate", manager, body),
                    403,
                    "rights_exceeded");
        }
        assertError(
                api().post(PATH + "/" + managerKey.get("id").asText() + "/rotate", manager, "{}"),
                403,
                "rights_exceeded");

        clock().advance(Duration.ofSeconds(1));
        Reply itself =
                api().post(
                                PATH + "/" + managerKey.get("id").asText() + "/rotate",
                                manager,
                                "{\"gracePeriodSeconds\":0,\"expiresAt\":\"" + expiry + "\"}");
        assertThat(itself.status()).as(itself.toString()).isEqualTo(201);
        JsonNode replacement = itself.json().get("data");
        assertThat(replacement.get("scopes").toString())
                .isEqualTo("[\"keys:manage\",\"leads:read\"]");
        assertThat(replacement.get("allowedIps").toString()).isEqualTo("[\"127.0.0.0/8\"]");
        assertThat(api().get(PATH, manager).status()).as("grace 0").isEqualTo(401);
        assertThat(api().get(PATH, replacement.get("key").asText()).status()).isEqualTo(200);
    }

    @Test
    default void aKeyUsedFromOutsideItsAllowedIpsIsRefusedByTheFilter() {
        String root = newOrganisation();
        JsonNode elsewhere = create(root, "{\"allowedIps\":[\"192.0.2.0/24\",\"2001:db8::/32\"]}");
        String outside = elsewhere.get("key").asText();
        String id = elsewhere.get("id").asText();

        for (Reply reply :
                List.of(
                        api().get(PATH, outside),
                        api().get(PATH + "/" + id, outside),
                        api().get(PATH + "/events", outside),
                        api().post(PATH, outside, "{}"),
                        api().post(PATH, outside, "not json"),
                        api().delete(PATH + "/" + id, outside),
                        api().post(PATH + "/" + id + "/rotate", outside, "{}"))) {
            assertError(reply, 403, "ip_not_allowed");
            assertThat(reply.header("WWW-Authenticate")).isNull();
            assertThat(reply.text())
                    .doesNotContain("192.0.2")
                    .doesNotContain("2001:db8")
                    .doesNotContain("127.0.0.1");
        }
        assertThat(api().get(PATH + "/" + id, root).status()).as("still there").isEqualTo(200);

        for (String inside :
                List.of("[\"127.0.0.0/8\"]", "[\"::1\",\"127.0.0.1\"]", "[\"::ffff:127.0.0.1\"]")) {
            String key = create(root, "{\"allowedIps\":" + inside + "}").get("key").asText();
            assertThat(api().get(PATH, key).status()).as(inside).isEqualTo(200);
        }
        String scopedOutside =
                create(root, "{\"scopes\":[\"leads:read\"],\"allowedIps\":[\"192.0.2.0/24\"]}")
                        .get("key")
                        .asText();
        assertError(api().get(PATH, scopedOutside), 403, "ip_not_allowed");
    }

    /** A key with keys:manage and leads:read, expiring at {@code expiry}, used only from there. */
    private String manager(String root, Instant expiry, String block) {
        return create(
                        root,
                        "{\"name\":\"manager\",\"scopes\":[\"keys:manage\",\"leads:read\"],"
                                + "\"expiresAt\":\""
                                + expiry
                                + "\","
                                + "\"allowedIps\":[\""
                                + block
                                + "\"]}")
                .get("key")
                .asText();
    }

    private static String withIps(Instant expiry, String allowedIps) {
        return "{\"scopes\":[\"leads:read\"],\"expiresAt\":\""
                + expiry
                + "\",\"allowedIps\":"
                + allowedIps
                + "}";
    }

    private JsonNode rotate(String key, JsonNode old, String body) {
        clock().advance(Duration.ofSeconds(1));
        Reply reply = api().post(PATH + "/" + old.get("id").asText() + "/rotate", key, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().get("data");
    }

    private int eventCount(String key) {
        return api().get(PATH + "/events?limit=200", key).json().at("/data/events").size();
    }
}
