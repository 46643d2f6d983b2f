package dev.keyguard.admin.contract;

import static dev.keyguard.admin.contract.Envelopes.assertError;
import static dev.keyguard.admin.contract.Envelopes.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyguard.admin.testing.Reply;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/api-keys/{id}/usage}: a key's requests per UTC day, every day of the range
 * present, oldest first, ending today; {@code days} checked; another organisation's key a 404 like
 * an unknown one. Run by {@link AdminApiContract} on every runtime.
 */
public interface KeyUsageApiContract extends AdminApiSuite {

    /** Writes the uses this node counted so far (the write-behind's flush). */
    void flushUsage();

    private LocalDate today() {
        return LocalDate.ofInstant(clock().instant(), ZoneOffset.UTC);
    }

    @Test
    default void usageCountsTheRequestsMadeWithAKeyPerDayEndingToday() {
        String root = newOrganisation();
        JsonNode worker = create(root, "{\"name\":\"worker\"}");
        String workerKey = worker.get("key").asText();
        for (int i = 0; i < 3; i++) {
            assertThat(api().get(PATH, workerKey).status()).isEqualTo(200);
        }
        flushUsage();

        Reply reply = api().get(PATH + "/" + worker.get("id").asText() + "/usage?days=7", root);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(fieldNames(body)).containsExactly("success", "data");
        JsonNode data = body.get("data");
        assertThat(fieldNames(data)).containsExactly("keyId", "days", "total");
        assertThat(data.get("keyId").asText()).isEqualTo(worker.get("id").asText());
        assertThat(data.get("days")).hasSize(7);
        assertThat(fieldNames(data.get("days").get(0))).containsExactly("date", "requests");
        assertThat(data.get("days").get(0).get("date").asText())
                .isEqualTo(today().minusDays(6).toString());
        assertThat(data.get("days").get(6).toString())
                .isEqualTo("{\"date\":\"" + today() + "\",\"requests\":3}");
        assertThat(data.get("days").get(5).get("requests").asLong()).isZero();
        assertThat(data.get("total").asLong()).isEqualTo(3);
    }

    @Test
    default void usageWithoutDaysGivesThirty() {
        String root = newOrganisation();
        String id = create(root, "{}").get("id").asText();

        JsonNode data = api().get(PATH + "/" + id + "/usage", root).json().get("data");

        assertThat(data.get("days")).hasSize(30);
        assertThat(data.get("days").get(29).get("date").asText()).isEqualTo(today().toString());
        assertThat(data.get("total").asLong()).isZero();
    }

    @Test
    default void usageDaysThatAreNotOneToTheRetentionAreAValidationError() {
        String root = newOrganisation();
        String id = create(root, "{}").get("id").asText();

        for (String days :
                new String[] {"0", "91", "367", "99999999999", "-1", "+5", "7.5", "abc", "", "٣"}) {
            Reply reply = api().get(PATH + "/" + id + "/usage?days=" + encode(days), root);
            assertError(reply, 400, "validation_error");
            assertThat(reply.json().get("error").get("message").asText())
                    .as(days)
                    .isEqualTo("days must be a whole number from 1 to 90.");
        }
        assertThat(api().get(PATH + "/" + id + "/usage?days=90", root).status()).isEqualTo(200);
        assertThat(api().get(PATH + "/" + id + "/usage?days=1", root).status()).isEqualTo(200);
    }

    /** The attacker holds a valid key of their own and guesses or learns a victim's key id. */
    @Test
    default void anotherOrganisationsKeyUsageIsNotFoundLikeAnUnknownKey() {
        String victim = newOrganisation();
        JsonNode victims = create(victim, "{\"name\":\"victim's\"}");
        api().get(PATH, victims.get("key").asText());
        flushUsage();
        String attacker = newOrganisation();

        Reply foreign = api().get(PATH + "/" + victims.get("id").asText() + "/usage", attacker);
        Reply unknown = api().get(PATH + "/key_doesNotExist0000000/usage", attacker);

        assertError(foreign, 404, "not_found");
        assertError(unknown, 404, "not_found");
        assertThat(foreign.text()).isEqualTo(unknown.text()).doesNotContain("victim");
    }

    @Test
    default void usageOfARevokedKeyIsNotFound() {
        String root = newOrganisation();
        String id = create(root, "{}").get("id").asText();
        assertThat(api().delete(PATH + "/" + id, root).status()).isEqualTo(200);

        assertError(api().get(PATH + "/" + id + "/usage", root), 404, "not_found");
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
