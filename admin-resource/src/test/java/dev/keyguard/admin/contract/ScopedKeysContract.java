package dev.keyguard.admin.contract;

import static dev.keyguard.admin.contract.Envelopes.assertError;
import static dev.keyguard.admin.contract.Envelopes.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyguard.admin.testing.Reply;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Restricted keys in the Admin API's bodies: {@code scopes} and {@code allowedIps} as create takes
 * them, as create, the list and {@code GET /{id}} show them, and every malformed value a {@code
 * validation_error} whose message never echoes what was sent. Run by {@link AdminApiContract} on
 * every runtime, whose test apps declare {@code leads:read leads:write}.
 */
public interface ScopedKeysContract extends AdminApiSuite {

    @Test
    default void createEchoesSortedScopesAndCanonicalBlocksAndListAndGetShowThem() {
        String root = newOrganisation();
        tickThenPost(root, "{}"); // an unrestricted neighbour in the list
        Reply reply =
                tickThenPost(
                        root,
                        "{\"name\":\"importer\","
                                + "\"scopes\":[\"leads:write\",\"keys:manage\",\"leads:read\","
                                + "\"leads:read\"],"
                                + "\"allowedIps\":[\"2001:DB8::/32\",\"10.0.0.1\","
                                + "\"::ffff:192.0.2.0/120\",\"10.0.0.1/32\"]}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        JsonNode created = reply.json().get("data");
        assertThat(fieldNames(created))
                .containsExactly(
                        "id",
                        "name",
                        "keyPrefix",
                        "expiresAt",
                        "createdAt",
                        "scopes",
                        "allowedIps",
                        "key");
        assertThat(created.get("scopes").toString())
                .isEqualTo("[\"keys:manage\",\"leads:read\",\"leads:write\"]");
        assertThat(created.get("allowedIps").toString())
                .isEqualTo("[\"2001:db8::/32\",\"10.0.0.1/32\",\"192.0.2.0/24\"]");

        String id = created.get("id").asText();
        JsonNode listed = itemOf(api().get(PATH, root).json().get("data"), id);
        assertThat(fieldNames(listed))
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
        assertThat(listed.get("scopes")).isEqualTo(created.get("scopes"));
        assertThat(listed.get("allowedIps")).isEqualTo(created.get("allowedIps"));

        Reply one = api().get(PATH + "/" + id, root);
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(fieldNames(one.json())).containsExactly("success", "data");
        assertThat(one.json().get("data")).isEqualTo(listed);
        Reply byLocation =
                api().get(URI.create(reply.header("Location")).getPath().substring(1), root);
        assertThat(byLocation.text()).isEqualTo(one.text());
        assertThat(one.text()).doesNotContain(created.get("key").asText());
    }

    @Test
    default void blocksAreShownInCanonicalFormAndDuplicatesOnce() {
        String root = newOrganisation();
        JsonNode created =
                create(
                        root,
                        "{\"allowedIps\":[\"2001:0DB8:0000::/48\",\"::1\",\"0.0.0.0/0\",\"::/0\","
                                + "\"192.0.2.7\",\"::ffff:10.0.0.0/104\",\"::FFFF:192.0.2.7\","
                                + "\"2001:db8:0:0:0:0:0:1\",\"fe80::/10\"],"
                                + "\"scopes\":[]}");

        assertThat(created.get("allowedIps").toString())
                .isEqualTo(
                        "[\"2001:db8::/48\",\"::1/128\",\"0.0.0.0/0\",\"::/0\",\"192.0.2.7/32\","
                                + "\"10.0.0.0/8\",\"2001:db8::1/128\",\"fe80::/10\"]");
        assertThat(created.get("scopes").toString()).isEqualTo("[]");
    }

    @Test
    default void aCreateWithoutScopesOrAddressesIsUnrestrictedAndShowsNulls() {
        String root = newOrganisation();
        for (String body :
                List.of("{\"name\":\"old style\"}", "{\"scopes\":null,\"allowedIps\":null}")) {
            clock().advance(java.time.Duration.ofSeconds(1));
            Reply reply = api().post(PATH, root, body);

            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            assertThat(reply.text()).contains("\"scopes\":null,\"allowedIps\":null,\"key\":\"");
            String id = reply.json().get("data").get("id").asText();
            assertThat(api().get(PATH + "/" + id, root).text())
                    .endsWith("\"scopes\":null,\"allowedIps\":null}}");
            // Unrestricted: it manages keys like the root key.
            String key = reply.json().get("data").get("key").asText();
            assertThat(api().get(PATH, key).status()).isEqualTo(200);
        }
        assertThat(api().get(PATH, root).text()).contains("\"scopes\":null,\"allowedIps\":null}");
    }

    @Test
    default void getOfAnUnknownForeignOrRevokedIdIsTheSame404AsDelete() {
        String mine = newOrganisation();
        String theirs = newOrganisation();
        String theirId = create(theirs, "{\"scopes\":[\"leads:read\"]}").get("id").asText();
        String revokedId = create(mine, "{\"name\":\"gone\"}").get("id").asText();
        assertThat(api().delete(PATH + "/" + revokedId, mine).status()).isEqualTo(200);
        Reply unknownDelete = api().delete(PATH + "/key_doesNotExist0000000", mine);
        assertError(unknownDelete, 404, "not_found");

        for (String id :
                List.of("key_doesNotExist0000000", theirId, revokedId, "x".repeat(200), "key_")) {
            Reply get = api().get(PATH + "/" + id, mine);
            assertError(get, 404, "not_found");
            assertThat(get.text()).as(id).isEqualTo(unknownDelete.text());
        }
        assertThat(api().get(PATH + "/" + theirId, theirs).status()).isEqualTo(200);
    }

    @Test
    default void malformedScopesAreValidationErrorsOnCreateAndRotate() {
        String root = newOrganisation();
        String id = create(root, "{\"name\":\"to rotate\"}").get("id").asText();
        String tooMany =
                IntStream.rangeClosed(0, 50)
                        .mapToObj(i -> "\"s" + i + "\"")
                        .collect(Collectors.joining(",", "[", "]"));
        List<String> bad =
                List.of(
                        "[\"leads:delete\"]", // well-formed but not declared
                        "[\"leads:read\",\"leads:delete\"]",
                        "[\"Leads:read\"]",
                        "[\"\"]",
                        "[\":leads\"]",
                        "[\"leads read\"]",
                        "[\"l\\u00e9ads\"]",
                        "[\"" + "x".repeat(65) + "\"]",
                        "\"leads:read\"",
                        "{}",
                        "true",
                        "1",
                        "[1]",
                        "[null]",
                        "[[\"leads:read\"]]",
                        "[{\"name\":\"leads:read\"}]",
                        tooMany);

        assertValidationErrors(root, id, "scopes", bad);
    }

    @Test
    default void malformedAllowedIpsAreValidationErrorsOnCreateAndRotate() {
        String root = newOrganisation();
        String id = create(root, "{\"name\":\"to rotate\"}").get("id").asText();
        String tooMany =
                IntStream.rangeClosed(0, 50)
                        .mapToObj(i -> "\"10.0.0." + i + "\"")
                        .collect(Collectors.joining(",", "[", "]"));
        List<String> bad =
                List.of(
                        "[]",
                        "\"10.0.0.0/8\"",
                        "{}",
                        "8",
                        "[8]",
                        "[null]",
                        "[[\"10.0.0.0/8\"]]",
                        "[\"10.0.0.1/8\"]", // host bits set
                        "[\"2001:db8::1/32\"]",
                        "[\"10.0.0.0/33\"]",
                        "[\"2001:db8::/129\"]",
                        "[\"::ffff:192.0.2.0/64\"]",
                        "[\"10.0.0.0/-1\"]",
                        "[\"10.0.0.0/\"]",
                        "[\"10.0.0.0/08\"]",
                        "[\"10.0.0.0/8/8\"]",
                        "[\"not-an-address\"]",
                        "[\"localhost\"]",
                        "[\"example.com/24\"]",
                        "[\"10.0.0.256\"]",
                        "[\"010.0.0.1\"]",
                        "[\"10.0.0\"]",
                        "[\"fe80::1%eth0\"]", // zone ids
                        "[\"fe80::1%eth0/128\"]",
                        "[\"fe80::%1/64\"]",
                        "[\"[::1]\"]",
                        "[\"10.0.0.0/8\",\"garbage\"]",
                        tooMany);

        assertValidationErrors(root, id, "allowedIps", bad);
    }

    /**
     * A key pasted where a scope or a block belongs is refused without being echoed, in any form:
     * with its prefix (not a scope name), its 64 hex digits alone (a well-formed but undeclared
     * scope name), or inside a block.
     */
    @Test
    default void aValidationMessageNeverEchoesTheValueSent() {
        String root = newOrganisation();
        String id = create(root, "{}").get("id").asText();
        String secret = root.substring(3);
        List<String> bodies =
                List.of(
                        "{\"scopes\":[\"" + root + "\"]}",
                        "{\"scopes\":[\"keys:manage\",\"" + root + "\"]}",
                        "{\"scopes\":[\"" + secret + "\"]}",
                        "{\"scopes\":[\"" + secret.substring(0, 60) + "\"]}",
                        "{\"allowedIps\":[\"" + root + "\"]}",
                        "{\"allowedIps\":[\"" + root + "/24\"]}",
                        "{\"allowedIps\":[\"10.0.0.0/8\",\"" + secret + "\"]}",
                        "{\"allowedIps\":[\"" + secret.substring(0, 32) + "::/64\"]}",
                        "{\"allowedIps\":[\"fe80::1%" + secret + "\"]}");
        for (String body : bodies) {
            for (String path : List.of(PATH, PATH + "/" + id + "/rotate")) {
                Reply reply = api().post(path, root, body);
                assertError(reply, 400, "validation_error");
                assertThat(reply.text())
                        .as(body)
                        .doesNotContain(root)
                        .doesNotContain(secret)
                        .doesNotContain(secret.substring(0, 32))
                        .doesNotContain(secret.substring(32));
            }
        }
        Reply undeclared = api().post(PATH, root, "{\"scopes\":[\"leads:delete\"]}");
        assertError(undeclared, 400, "validation_error");
        assertThat(undeclared.json().at("/error/message").asText())
                .as("an undeclared scope is not named either; the declared ones are")
                .doesNotContain("leads:delete")
                .contains("keys:manage, leads:read, leads:write");
        assertThat(api().get(PATH, root).json().get("data")).hasSize(2);
    }

    /**
     * Each value of {@code field} is a 400 {@code validation_error} on create and on rotate, and
     * nothing is created or rotated.
     */
    private void assertValidationErrors(String root, String id, String field, List<String> bad) {
        int keys = api().get(PATH, root).json().get("data").size();
        for (String value : bad) {
            String body = "{\"" + field + "\":" + value + "}";
            assertError(api().post(PATH, root, body), 400, "validation_error");
            assertError(
                    api().post(PATH + "/" + id + "/rotate", root, body), 400, "validation_error");
        }
        assertThat(api().get(PATH, root).json().get("data")).hasSize(keys);
        Reply rotated = api().post(PATH + "/" + id + "/rotate", root, "{}");
        assertThat(rotated.status()).as("still rotatable: " + rotated).isEqualTo(201);
    }

    private Reply tickThenPost(String key, String body) {
        clock().advance(java.time.Duration.ofSeconds(1));
        return api().post(PATH, key, body);
    }

    private static JsonNode itemOf(JsonNode list, String id) {
        List<JsonNode> found = new ArrayList<>();
        list.forEach(
                item -> {
                    if (item.get("id").asText().equals(id)) {
                        found.add(item);
                    }
                });
        assertThat(found).as(id).hasSize(1);
        return found.get(0);
    }
}
