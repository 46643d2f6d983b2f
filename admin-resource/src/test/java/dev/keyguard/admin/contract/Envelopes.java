package dev.keyguard.admin.contract;

import static dev.keyguard.admin.testing.Api.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyguard.admin.testing.Reply;
import java.util.ArrayList;
import java.util.List;

/** Assertions on the JSON envelope the Admin API answers with, shared by the contracts. */
final class Envelopes {

    private Envelopes() {}

    /** An error: the status, JSON, {@code {"success":false,"error":{"code","message"}}}. */
    static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith(JSON);
        JsonNode body = reply.json();
        assertThat(fieldNames(body)).containsExactly("success", "error");
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(fieldNames(body.get("error"))).containsExactly("code", "message");
        assertThat(body.get("error").get("code").asText()).isEqualTo(code);
        assertThat(body.get("error").get("message").asText()).isNotBlank();
    }

    /** The names of an object's fields, in the order written. */
    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
