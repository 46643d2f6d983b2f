package dev.keyguard.reliability.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.reliability.support.Figures;
import dev.keyguard.reliability.support.Http;
import dev.keyguard.reliability.support.Http.Answer;
import dev.keyguard.reliability.support.Node;
import dev.keyguard.testing.TestDatabase;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For every Admin API endpoint that names a key, a key of organisation B against a key of
 * organisation A gets exactly what an id that never existed gets: the same status, the same body
 * bytes, the same headers (but Date), and no timing difference that a simple comparison of medians
 * shows. Organisation A's keys are untouched afterwards and never listed for B.
 */
class CrossOrganisationTest {

    private static final String KEYS = "api/v1/api-keys";
    private static final int WARM_UP = 20;
    private static final int SAMPLES = 100;

    private Keyguard keyguard;
    private Node node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (keyguard != null) {
            keyguard.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "PostgreSQL", "MariaDB"})
    void anotherOrganisationsKeyIsExactlyANonexistentKey(String name) {
        TestDatabase database = TestDatabase.named(name);
        keyguard = Keyguard.start(database.config().build());
        node = Node.start(keyguard);
        Http http = new Http(node.base());
        String suffix = UUID.randomUUID().toString();
        CreatedApiKey victim = keyguard.service().create(owner("org-a-" + suffix), "victim", null);
        String attacker =
                keyguard.service().create(owner("org-b-" + suffix), "attacker", null).rawKey();
        String foreignId = victim.key().id();

        Map<String, Function<String, Answer>> endpoints =
                new TreeMap<>(
                        Map.of(
                                "DELETE /{id}", id -> http.delete(KEYS + "/" + id, attacker),
                                "POST /{id}/rotate",
                                        id ->
                                                http.post(
                                                        KEYS + "/" + id + "/rotate",
                                                        attacker,
                                                        "{\"gracePeriodSeconds\":0}"),
                                "POST /{id}/rotate (no body)",
                                        id ->
                                                http.send(
                                                        "POST",
                                                        KEYS + "/" + id + "/rotate",
                                                        attacker,
                                                        null),
                                "GET /{id}", id -> http.get(KEYS + "/" + id, attacker),
                                "PUT /{id}",
                                        id -> http.send("PUT", KEYS + "/" + id, attacker, "{}")));
        List<String> figures = new ArrayList<>();
        for (Map.Entry<String, Function<String, Answer>> endpoint : endpoints.entrySet()) {
            Function<String, Answer> call = endpoint.getValue();
            Answer foreign = call.apply(foreignId);
            Answer nonexistent = call.apply(nonexistentId());
            assertThat(foreign.status())
                    .as(endpoint.getKey())
                    .isEqualTo(nonexistent.status())
                    .isIn(404, 405);
            assertThat(foreign.body()).as(endpoint.getKey()).isEqualTo(nonexistent.body());
            assertThat(withoutDate(foreign))
                    .as(endpoint.getKey())
                    .isEqualTo(withoutDate(nonexistent));
            if (foreign.status() == 405) {
                figures.add(endpoint.getKey() + ": 405 for both, before any look-up");
                continue;
            }

            long[] foreignNanos = new long[SAMPLES];
            long[] nonexistentNanos = new long[SAMPLES];
            for (int i = -WARM_UP; i < SAMPLES; i++) {
                // Alternate, so drifts of the machine hit both alike.
                Answer a = call.apply(foreignId);
                Answer b = call.apply(nonexistentId());
                assertThat(a.status()).isEqualTo(b.status());
                if (i >= 0) {
                    foreignNanos[i] = a.nanos();
                    nonexistentNanos[i] = b.nanos();
                }
            }
            double foreignMedian = median(foreignNanos);
            double nonexistentMedian = median(nonexistentNanos);
            figures.add(
                    String.format(
                            "%s: %d, median %.2f ms (foreign) vs %.2f ms (nonexistent)",
                            endpoint.getKey(),
                            foreign.status(),
                            foreignMedian / 1e6,
                            nonexistentMedian / 1e6));
            // Loose on purpose (shared CI cores): a real oracle, such as a query only one of the
            // two makes, shows as a difference well over both bounds.
            double difference = Math.abs(foreignMedian - nonexistentMedian);
            assertThat(difference)
                    .as(figures.get(figures.size() - 1))
                    .isLessThan(Math.max(2e6, 0.5 * Math.min(foreignMedian, nonexistentMedian)));
        }

        assertThat(http.get(KEYS, attacker).body()).doesNotContain(foreignId);
        assertThat(keyguard.verify(victim.rawKey())).as("org A's key untouched").isPresent();
        assertThat(keyguard.service().list(victim.key().owner().organisationId()))
                .singleElement()
                .satisfies(key -> assertThat(key.expiresAt()).isNull());
        Figures.record("CrossOrganisationTest/" + name, String.join("; ", figures));
    }

    private static Map<String, List<String>> withoutDate(Answer answer) {
        Map<String, List<String>> headers = new TreeMap<>(answer.headers().map());
        headers.remove("date");
        return headers;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Shaped like a real id: key_ and 20 base64url characters. */
    private static String nonexistentId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return "key_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static KeyOwner owner(String org) {
        return new KeyOwner(org, new KeyUser("u-" + org, "Org", "Member", "m@example.com"));
    }
}
