package dev.keyguard.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyguard.ApiKey;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.Scopes;
import dev.keyguard.reliability.support.Figures;
import dev.keyguard.reliability.support.Json;
import dev.keyguard.reliability.support.Node;
import dev.keyguard.reliability.support.RawHttp;
import dev.keyguard.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile {@code scopes} and {@code allowedIps} ({@link HostileRights}) in create and rotate bodies
 * against one node (filter, Admin API on Jersey): never a 5xx or a stack trace; a 4xx is the
 * envelope, its message one of Keyguard's fixed sentences (so nothing sent is echoed: a position, a
 * limit or a canonical block at most), and nothing is stored or rotated; a 201 shows only declared
 * scopes and canonical blocks.
 */
class HostileRightsPropertiesTest {

    static final int TRIES = 3_000;
    private static final String KEYS = "/api/v1/api-keys";
    private static final List<String> DECLARED = List.of("leads:read", "leads:write");
    private static final String ORGANISATION = "org-hostile-rights";

    /**
     * Every message a refused body of this suite may get. The variable parts are positions, limits
     * and a canonical block, never text from the request.
     */
    private static final Pattern MESSAGES =
            Pattern.compile(
                    "The request body must be a JSON object\\.|The request body is too large\\."
                            + "|(scopes|allowedIps) must be null or an array of"
                            + " (scope names|CIDR blocks) \\(strings\\)\\."
                            + "|scopes: scope \\d+ is not a scope name: use 1 to 64 of a-z, 0-9"
                            + " and : \\. _ -, starting with a letter or digit\\."
                            + "|scopes: a key has at most 50 scopes\\."
                            + "|A scope is not one of this app's scopes: keys:manage, leads:read,"
                            + " leads:write\\."
                            + "|allowedIps: a list of allowed addresses needs at least one block"
                            + " \\(no list: anywhere\\)\\."
                            + "|allowedIps: a key has at most 50 blocks of allowed addresses\\."
                            + "|allowedIps: block \\d+ (is not an IPv4 or IPv6 CIDR block"
                            + "|has no prefix length after the /"
                            + "|is an IPv4-mapped block: its prefix length must be 96 to 128"
                            + "|has a prefix length over (32 for an IPv4|128 for an IPv6) address"
                            + "|has host bits set: the block is [0-9a-f.:]+/\\d{1,3})\\.");

    private static Keyguard keyguard;
    private static Node node;
    private static RawHttp http;
    private static String rootKey;
    private static final Map<String, AtomicInteger> OUTCOMES = new ConcurrentHashMap<>();

    @BeforeContainer
    static void start() {
        keyguard =
                Keyguard.start(
                        TestDatabase.h2()
                                .config()
                                .scopes(DECLARED)
                                .throttleMaxFailures(0)
                                .throttleLookupsPerSecond(0)
                                .build());
        node = Node.start(keyguard);
        http = new RawHttp(node.local());
        rootKey = keyguard.service().create(owner(), "root", null).rawKey();
    }

    @AfterContainer
    static void stop() {
        try {
            assertThat(keyguard.verify(rootKey)).isPresent();
        } finally {
            node.close();
            keyguard.close();
        }
        Figures.record(
                "HostileRightsPropertiesTest",
                "cases: " + TRIES + ", outcomes: " + new TreeMap<>(Map.copyOf(OUTCOMES)));
    }

    private static KeyOwner owner() {
        return new KeyOwner(ORGANISATION, new KeyUser("u", "Hostile", "Tester", "h@example.com"));
    }

    @Property(tries = TRIES)
    void hostileScopesAndAllowedIpsGetA4xxOrOnlyValidRights(
            @ForAll("rightsValues") String scopes,
            @ForAll("rightsValues") String allowedIps,
            @ForAll("presence") int present,
            @ForAll boolean rotate) {
        List<String> members = new ArrayList<>();
        if ((present & 1) != 0) {
            members.add("\"scopes\":" + scopes);
        }
        if ((present & 2) != 0) {
            members.add("\"allowedIps\":" + allowedIps);
        }
        String body = "{" + String.join(",", members) + "}";
        ApiKey target = rotate ? keyguard.service().create(owner(), "target", null).key() : null;
        int before = keyguard.service().list(ORGANISATION).size();
        String path = rotate ? KEYS + "/" + target.id() + "/rotate" : KEYS;

        RawHttp.Response response =
                http.send(
                        "POST",
                        path,
                        List.of(
                                Map.entry(
                                        "Authorization",
                                        ("Bearer " + rootKey)
                                                .getBytes(StandardCharsets.ISO_8859_1)),
                                Map.entry(
                                        "Content-Type",
                                        "application/json".getBytes(StandardCharsets.ISO_8859_1))),
                        body.getBytes(StandardCharsets.UTF_8));

        String what = (rotate ? "rotate " : "create ") + abbreviate(body) + " -> " + response;
        assertThat(response.reachedApp()).as(what).isTrue();
        assertThat(response.status()).as(what).isIn(201, 400, 413);
        assertThat(response.hasStackTrace()).as(what).isFalse();
        assertThat(response.header("Content-Type")).as(what).startsWith("application/json");
        assertThat(response.header("Cache-Control")).as(what).isEqualTo("no-store");
        JsonNode json = Json.parse(response.text());
        if (response.status() == 201) {
            count("201");
            assertValidRights(json.get("data"), what);
            cleanUp(json.get("data").get("id").asText(), target);
            return;
        }
        String code = json.path("error").path("code").asText();
        count(response.status() + " " + code);
        assertThat(code).as(what).isIn("invalid_json", "validation_error", "payload_too_large");
        assertThat(Json.isError(response.text(), code)).as(what).isTrue();
        assertThat(json.path("error").path("message").asText()).as(what).matches(MESSAGES);
        assertThat(response.text())
                .as(what)
                .doesNotContain(rootKey)
                .doesNotContain(rootKey.substring(3));
        List<ApiKey> after = keyguard.service().list(ORGANISATION);
        assertThat(after).as("nothing stored: " + what).hasSize(before);
        if (rotate) {
            assertThat(after.stream().filter(k -> k.id().equals(target.id())).findFirst())
                    .as("not rotated: " + what)
                    .hasValueSatisfying(k -> assertThat(k.expiresAt()).isNull());
            keyguard.service().revoke(ORGANISATION, target.id());
        }
    }

    /** Declared scope names, sorted, or null; canonical blocks, or null. */
    private static void assertValidRights(JsonNode data, String what) {
        JsonNode scopes = data.get("scopes");
        if (!scopes.isNull()) {
            List<String> names = new ArrayList<>();
            scopes.forEach(s -> names.add(s.asText()));
            assertThat(names).as(what).isSorted().doesNotHaveDuplicates();
            assertThat(names).as(what).allMatch(Scopes::isScopeName);
            assertThat(names)
                    .as(what)
                    .allMatch(n -> n.equals(Scopes.KEYS_MANAGE) || DECLARED.contains(n));
        }
        JsonNode blocks = data.get("allowedIps");
        if (!blocks.isNull()) {
            List<String> given = new ArrayList<>();
            blocks.forEach(b -> given.add(b.asText()));
            assertThat(IpAllowlist.of(given).blocks()).as(what).isEqualTo(given);
        }
    }

    private static void cleanUp(String madeId, ApiKey target) {
        keyguard.service().revoke(ORGANISATION, madeId);
        if (target != null) {
            keyguard.service().revoke(ORGANISATION, target.id());
        }
    }

    private static void count(String outcome) {
        OUTCOMES.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "...(" + text.length() + ")" : text;
    }

    @Provide
    Arbitrary<String> rightsValues() {
        return HostileRights.values(rootKey);
    }

    /** Bit 1: scopes present, bit 2: allowedIps present; at least one. */
    @Provide
    Arbitrary<Integer> presence() {
        return Arbitraries.of(1, 2, 3, 3);
    }
}
