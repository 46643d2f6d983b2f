package dev.keyguard.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.internal.key.KeyFormat;
import dev.keyguard.reliability.support.Figures;
import dev.keyguard.reliability.support.Json;
import dev.keyguard.reliability.support.Node;
import dev.keyguard.reliability.support.RawHttp;
import dev.keyguard.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile requests against one node (filter, Admin API on Jersey, a host servlet) through Jetty's
 * in-process connector, as raw bytes. For every case: never a 5xx, never a stack trace in a body,
 * the envelope on every error the web app gives; and the filter lets through exactly the requests
 * that carry the valid key, whatever surrounds it.
 *
 * <p>The container answers some requests before any filter runs (an illegal character in a header,
 * an ambiguous or malformed URI, headers over the limit): those are told apart by {@link
 * Node#REACHED}, counted by status and reported, and must not be 5xx either.
 */
class HostileInputPropertiesTest {

    static final int FILTER_TRIES = 65_000;
    static final int ADMIN_TRIES = 30_000;
    static final int ADMIN_BODY_TRIES = 5_000;
    private static final String KEYS = "/api/v1/api-keys";

    private static Keyguard keyguard;
    private static Node node;
    private static RawHttp http;
    private static String validKey;
    private static String foreignKeyId;
    private static String foreignKey;
    private static final AtomicLong CASES = new AtomicLong();
    private static final AtomicLong REACHED_APP = new AtomicLong();
    private static final Map<String, AtomicInteger> CONTAINER_ANSWERS = new ConcurrentHashMap<>();

    @BeforeContainer
    static void start() {
        // Neither the throttle nor the look-up budget: every hostile key must get its 401, however
        // fast the cases come (both have their own tests in filter/).
        keyguard =
                Keyguard.start(
                        TestDatabase.h2()
                                .config()
                                .throttleMaxFailures(0)
                                .throttleLookupsPerSecond(0)
                                .build());
        node = Node.start(keyguard);
        http = new RawHttp(node.local());
        validKey = keyguard.service().create(owner("org-hostile"), "root", null).rawKey();
        CreatedApiKey foreign = keyguard.service().create(owner("org-other"), "foreign", null);
        foreignKeyId = foreign.key().id();
        foreignKey = foreign.rawKey();
    }

    @AfterContainer
    static void stop() {
        try {
            // The other organisation's key went through every hostile id and is untouched.
            assertThat(keyguard.verify(foreignKey)).isPresent();
            assertThat(keyguard.verify(validKey)).isPresent();
        } finally {
            node.close();
            keyguard.close();
        }
        Figures.record(
                "HostileInputPropertiesTest",
                "cases: "
                        + CASES.get()
                        + ", answered by the web app (filter, Admin API, host servlet): "
                        + REACHED_APP.get()
                        + ", answers that were not Keyguard's (by status and reason): "
                        + new TreeMap<>(Map.copyOf(CONTAINER_ANSWERS)));
    }

    private static KeyOwner owner(String organisation) {
        return new KeyOwner(organisation, new KeyUser("u", "Hostile", "Tester", "h@example.com"));
    }

    // ---------------------------------------------------------------- the filter

    @Property(tries = FILTER_TRIES)
    void anyAuthorizationHeaderIsJudgedSafely(
            @ForAll("authorizationHeaders") List<Map.Entry<String, byte[]>> headers,
            @ForAll("filteredPaths") String path) {
        RawHttp.Response response = http.send("GET", path, headers, null);
        CASES.incrementAndGet();
        assertSafe(path, response);
        if (!response.reachedApp()) {
            return;
        }
        boolean authenticates = carriesExactlyTheValidKey(headers);
        if (authenticates) {
            assertThat(response.status()).as(describe(headers, response)).isIn(200, 404, 405);
        } else {
            assertThat(response.status()).as(describe(headers, response)).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=");
        }
    }

    /**
     * The model of the contract: one Authorization header whose value, less the whitespace around
     * it, is the scheme "Bearer" in any case, spaces or tabs, and the valid key.
     */
    private static boolean carriesExactlyTheValidKey(List<Map.Entry<String, byte[]>> headers) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, byte[]> header : headers) {
            if (header.getKey().equalsIgnoreCase("Authorization")) {
                values.add(new String(header.getValue(), StandardCharsets.ISO_8859_1));
            }
        }
        if (values.size() != 1) {
            return false;
        }
        String value = values.get(0).replaceAll("^[ \\t]+|[ \\t]+$", "");
        if (value.length() < 7 || !value.substring(0, 6).equalsIgnoreCase("bearer")) {
            return false;
        }
        String rest = value.substring(6);
        if (rest.isEmpty() || (rest.charAt(0) != ' ' && rest.charAt(0) != '\t')) {
            return false;
        }
        return rest.replaceAll("^[ \\t]+", "").equals(validKey);
    }

    @Provide
    Arbitrary<String> filteredPaths() {
        return Arbitraries.of("/" + Node.WHOAMI, KEYS, "/" + Node.WHOAMI + "?x=1");
    }

    @Provide
    Arbitrary<List<Map.Entry<String, byte[]>>> authorizationHeaders() {
        Arbitrary<String> names =
                Arbitraries.of("Authorization", "authorization", "AUTHORIZATION", "aUtHoRiZaTiOn");
        Arbitrary<byte[]> values =
                Arbitraries.frequencyOf(
                        Tuple.of(8, wellFormedBearer()),
                        Tuple.of(
                                6,
                                Combinators.combine(schemes(), separators(), tokens(), separators())
                                        .as(
                                                (scheme, sep, token, trailing) ->
                                                        concat(scheme, sep, token, trailing))),
                        Tuple.of(
                                1,
                                Arbitraries.bytes()
                                        .array(byte[].class)
                                        .ofMaxSize(200)
                                        .map(HostileInputPropertiesTest::withoutLineBreaks)),
                        Tuple.of(
                                3,
                                Arbitraries.bytes()
                                        .between((byte) 0x20, (byte) 0x7e)
                                        .array(byte[].class)
                                        .ofMaxSize(200)));
        Arbitrary<Map.Entry<String, byte[]>> authorization =
                Combinators.combine(names, values).as(Map::entry);
        Arbitrary<Map.Entry<String, byte[]>> other =
                Combinators.combine(
                                Arbitraries.of(
                                        "X-Api-Key",
                                        "Cookie",
                                        "Proxy-Authorization",
                                        "X-Forwarded-For",
                                        "Origin",
                                        "Access-Control-Request-Method",
                                        "X-Padding"),
                                Arbitraries.frequencyOf(
                                        Tuple.of(
                                                10,
                                                Arbitraries.strings()
                                                        .withCharRange(' ', '~')
                                                        .ofMaxLength(50)
                                                        .map(
                                                                s ->
                                                                        s.getBytes(
                                                                                StandardCharsets
                                                                                        .ISO_8859_1))),
                                        Tuple.of(
                                                1,
                                                Arbitraries.strings()
                                                        .ascii()
                                                        .ofMaxLength(50)
                                                        .map(
                                                                s ->
                                                                        withoutLineBreaks(
                                                                                s.getBytes(
                                                                                        StandardCharsets
                                                                                                .ISO_8859_1)))),
                                        Tuple.of(
                                                1,
                                                Arbitraries.integers()
                                                        .between(1_000, 40_000)
                                                        .map(
                                                                n ->
                                                                        "p"
                                                                                .repeat(n)
                                                                                .getBytes(
                                                                                        StandardCharsets
                                                                                                .ISO_8859_1)))))
                        .as(Map::entry);
        Arbitrary<List<Map.Entry<String, byte[]>>> authorizations =
                authorization.list().ofMinSize(0).ofMaxSize(3);
        return Combinators.combine(authorizations, other.list().ofMaxSize(2))
                .as(
                        (a, o) -> {
                            List<Map.Entry<String, byte[]>> all = new ArrayList<>(o);
                            all.addAll(a);
                            return all;
                        });
    }

    /** "Bearer" and the valid key, with whitespace and case games around it. */
    private Arbitrary<byte[]> wellFormedBearer() {
        Arbitrary<String> key =
                Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.just("VALID")),
                        Tuple.of(1, Arbitraries.just("UPPER")),
                        Tuple.of(2, Arbitraries.integers().between(0, 66).map(i -> "MUTATE" + i)),
                        Tuple.of(
                                1,
                                Arbitraries.of(
                                        "VALIDjunk",
                                        "junkVALID",
                                        "VALID VALID",
                                        "VALID,",
                                        "\"VALID\"",
                                        "VALID\u0000",
                                        "VALID%00",
                                        "VALID\u00a0")));
        return Combinators.combine(
                        Arbitraries.of("Bearer", "bearer", "BEARER", "BeArEr"),
                        separators(),
                        key,
                        separators(),
                        separators())
                .as(
                        (scheme, sep, k, trail, lead) -> {
                            String token = materialise(k);
                            return concat(lead, scheme, sep, token, trail);
                        });
    }

    private static String materialise(String template) {
        if (template.startsWith("MUTATE")) {
            int at = Integer.parseInt(template.substring(6));
            char[] chars = validKey.toCharArray();
            if (at >= chars.length) {
                return validKey.substring(0, chars.length - 1);
            }
            chars[at] = chars[at] == 'a' ? 'b' : 'a';
            return new String(chars);
        }
        if (template.equals("UPPER")) {
            return validKey.toUpperCase(Locale.ROOT);
        }
        return template.replace("VALID", validKey);
    }

    private Arbitrary<String> schemes() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "Bearer",
                        "bearer",
                        "Basic",
                        "Bearer:",
                        "Bearer=",
                        "Token",
                        "",
                        "Digest",
                        "Bearer,",
                        "B\u00e9arer",
                        "Bearer\u0000",
                        "MAC"),
                Arbitraries.strings().alpha().ofMaxLength(10));
    }

    private Arbitrary<String> separators() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(" ")),
                Tuple.of(4, Arbitraries.just("")),
                Tuple.of(4, Arbitraries.strings().withChars(" \t").ofMinLength(1).ofMaxLength(300)),
                Tuple.of(2, Arbitraries.of("\u00a0", "\u0085", "\u3000")),
                Tuple.of(1, Arbitraries.of("\u000b", "\f", "\u001f")));
    }

    private Arbitrary<String> tokens() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just("")),
                Tuple.of(
                        4,
                        Arbitraries.of(
                                "ll_",
                                "ll_" + "0".repeat(64),
                                "ll_" + "G".repeat(64),
                                "LL_" + "a".repeat(64),
                                "ll_" + "a".repeat(63),
                                "ll_" + "a".repeat(65),
                                "' OR '1'='1",
                                "\" OR 1=1 --",
                                "ll_'; DROP TABLE keyguard_api_key; --",
                                "${jndi:ldap://127.0.0.1/x}",
                                "%00",
                                "null",
                                "undefined",
                                "[]",
                                "{}",
                                "ll_\u00e9\u00e9\u00e9",
                                "\u00ff".repeat(70))),
                // Forgeries: well-formed, but the checksum is almost surely wrong.
                Tuple.of(
                        4,
                        Arbitraries.strings()
                                .withChars("0123456789abcdef")
                                .ofLength(64)
                                .map(h -> "ll_" + h)),
                // Plausible keys no one minted: a valid checksum, so they are looked up.
                Tuple.of(
                        4,
                        Arbitraries.strings()
                                .withChars("0123456789abcdef")
                                .ofLength(56)
                                .map(h -> KeyFormat.withChecksum("ll_" + h))),
                Tuple.of(
                        3,
                        Arbitraries.integers().between(1, 12_000).map(n -> "ll_" + "a".repeat(n))),
                Tuple.of(
                        4,
                        Arbitraries.strings()
                                .withCharRange(' ', '~')
                                .ofMinLength(1)
                                .ofMaxLength(80)),
                Tuple.of(
                        2, Arbitraries.strings().withCharRange('\u0080', '\u00ff').ofMaxLength(80)),
                Tuple.of(
                        2, Arbitraries.strings().withCharRange('\u0100', '\uffff').ofMaxLength(40)),
                Tuple.of(
                        1,
                        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(10)));
    }

    /** Header bytes in ISO-8859-1; characters beyond it are sent as their UTF-8 bytes. */
    private static byte[] concat(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof byte[] bytes) {
                out.writeBytes(bytes);
            } else {
                String text = (String) part;
                boolean latin1 = text.chars().allMatch(c -> c <= 0xff);
                out.writeBytes(
                        text.getBytes(
                                latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
            }
        }
        return withoutLineBreaks(out.toByteArray());
    }

    /** CR and LF would end the header: HTTP framing, not the filter, is not under test here. */
    private static byte[] withoutLineBreaks(byte[] bytes) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == '\r' || copy[i] == '\n') {
                copy[i] = ' ';
            }
        }
        return copy;
    }

    // ---------------------------------------------------------------- the Admin API

    @Property(tries = ADMIN_TRIES)
    void anyMethodPathAndIdGetsASafeAnswer(
            @ForAll("methods") String method,
            @ForAll("adminTargets") String target,
            @ForAll("adminHeaders") List<Map.Entry<String, byte[]>> headers) {
        RawHttp.Response response = http.send(method, target, headers, null);
        CASES.incrementAndGet();
        assertSafe(
                method.equalsIgnoreCase("HEAD") ? "HEAD " + target : target,
                response,
                method + " " + describe(headers));
        assertThat(response.text()).doesNotContain(validKey);
        cleanUp(response);
    }

    @Property(tries = ADMIN_BODY_TRIES)
    void anyBodyGetsASafeAnswer(
            @ForAll("bodyTargets") String target,
            @ForAll("contentTypes") String contentType,
            @ForAll("bodies") byte[] body) {
        List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
        headers.add(
                Map.entry(
                        "Authorization",
                        ("Bearer " + validKey).getBytes(StandardCharsets.ISO_8859_1)));
        if (contentType != null) {
            headers.add(
                    Map.entry("Content-Type", contentType.getBytes(StandardCharsets.ISO_8859_1)));
        }
        RawHttp.Response response = http.send("POST", target, headers, body);
        CASES.incrementAndGet();
        assertSafe(target, response, "POST Content-Type: " + contentType);
        if (response.status() != 201) {
            assertThat(response.text()).doesNotContain(validKey);
        }
        cleanUp(response);
    }

    /** Keeps the organisation under its limit, so later cases reach the validation. */
    private static void cleanUp(RawHttp.Response response) {
        if (response.status() == 201) {
            String id = Json.parse(response.text()).get("data").get("id").asText();
            keyguard.service().revoke("org-hostile", id);
        }
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("GET", "POST", "DELETE")),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                "PUT", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "get",
                                "CONNECT")));
    }

    @Provide
    Arbitrary<String> adminTargets() {
        Arbitrary<String> ids =
                Arbitraries.oneOf(
                        Arbitraries.of(
                                "",
                                "%2F",
                                "%2f",
                                "..%2F..%2Fwhoami",
                                "%2E%2E",
                                "%2e",
                                ".",
                                "..",
                                "%5C",
                                "%00",
                                "%25",
                                "%252F",
                                ";",
                                ";x=1",
                                "%3B",
                                "a;b",
                                "%u002e",
                                "%C0%AE%C0%AE",
                                "%E2%80%AE",
                                "%FF",
                                "%",
                                "%G1",
                                "key_",
                                "key_%2F..",
                                "%27%20OR%20%271%27%3D%271",
                                "1%20OR%201%3D1",
                                "-1",
                                "0",
                                "NaN",
                                "99999999999999999999",
                                "key_doesNotExist0000000",
                                "x".repeat(33),
                                "x".repeat(5_000),
                                "%7B%22a%22%3A1%7D",
                                "%22%3B%20DROP%20TABLE%20x%3B",
                                "null",
                                "undefined",
                                "key_AAAAAAAAAAAAAAAAAAAA",
                                foreignKeyId),
                        Arbitraries.strings()
                                .ofMaxLength(60)
                                .map(s -> java.net.URLEncoder.encode(s, StandardCharsets.UTF_8)),
                        Arbitraries.strings()
                                .withChars("abcXYZ019-_.~!$&'()*+,;=:@%/")
                                .ofMaxLength(40));
        Arbitrary<String> suffix =
                Combinators.combine(
                                ids,
                                Arbitraries.of(
                                        "",
                                        "/rotate",
                                        "/rotate/",
                                        "/ROTATE",
                                        "/rotate/x",
                                        "/",
                                        "/..",
                                        "/./rotate",
                                        "/%2E%2E/rotate"))
                        .as((id, tail) -> "/" + id + tail);
        Arbitrary<String> prefix =
                Arbitraries.of(
                        KEYS,
                        KEYS,
                        KEYS,
                        "/api/v1/API-KEYS",
                        "/api/v1//api-keys",
                        "/api/v1/./api-keys",
                        "/api/v1/x/../api-keys",
                        "/api/v1/api-keys%2F",
                        "//api/v1/api-keys",
                        "/api/v2/api-keys");
        Arbitrary<String> query =
                Arbitraries.of(
                        "",
                        "",
                        "?",
                        "?id=1",
                        "?key=ll_x",
                        "?%00=%00",
                        "?a=" + "b".repeat(3_000),
                        "?;",
                        "?x=%ZZ");
        return Combinators.combine(prefix, Arbitraries.oneOf(Arbitraries.just(""), suffix), query)
                .as((p, s, q) -> p + s + q);
    }

    @Provide
    Arbitrary<List<Map.Entry<String, byte[]>>> adminHeaders() {
        Arbitrary<Map.Entry<String, byte[]>> auth =
                Arbitraries.frequencyOf(
                        Tuple.of(
                                8,
                                Arbitraries.just(
                                        Map.entry(
                                                "Authorization",
                                                ("Bearer " + validKey)
                                                        .getBytes(StandardCharsets.ISO_8859_1)))),
                        Tuple.of(
                                1,
                                Arbitraries.just(
                                        Map.entry(
                                                "Authorization",
                                                "Bearer ll_nope"
                                                        .getBytes(StandardCharsets.ISO_8859_1)))),
                        Tuple.of(1, Arbitraries.just(Map.entry("X-None", new byte[0]))));
        Arbitrary<Map.Entry<String, byte[]>> other =
                Combinators.combine(
                                Arbitraries.of(
                                        "Accept",
                                        "Accept-Language",
                                        "Accept-Charset",
                                        "Content-Type",
                                        "X-HTTP-Method-Override",
                                        "Content-Encoding",
                                        "Range",
                                        "If-None-Match",
                                        "Expect"),
                                Arbitraries.oneOf(
                                        Arbitraries.of(
                                                "*/*",
                                                "application/json",
                                                "text/html",
                                                "*/*;q=abc",
                                                "application/json;q=0",
                                                "gzip",
                                                "DELETE",
                                                "bytes=0-",
                                                "100-continue",
                                                "application/json; charset=\"",
                                                "\u00ff\u00fe"),
                                        Arbitraries.strings()
                                                .withCharRange(' ', '~')
                                                .ofMaxLength(30),
                                        Arbitraries.strings()
                                                .withCharRange(' ', '~')
                                                .ofMaxLength(30),
                                        Arbitraries.strings().ascii().ofMaxLength(30)))
                        .as(
                                (name, value) ->
                                        Map.entry(
                                                name,
                                                withoutLineBreaks(
                                                        value.getBytes(
                                                                StandardCharsets.ISO_8859_1))));
        return Combinators.combine(auth, other.list().ofMaxSize(3))
                .as(
                        (a, o) -> {
                            List<Map.Entry<String, byte[]>> all = new ArrayList<>();
                            all.add(a);
                            all.addAll(o);
                            return all;
                        });
    }

    @Provide
    Arbitrary<String> bodyTargets() {
        return Arbitraries.of(
                        KEYS,
                        KEYS,
                        KEYS + "/key_doesNotExist0000000/rotate",
                        KEYS + "/" + "FOREIGN" + "/rotate")
                .map(t -> t.replace("FOREIGN", foreignKeyId));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("application/json")),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                "application/json; charset=utf-8",
                                "text/plain",
                                "application/json; charset=utf-16",
                                "application/x-www-form-urlencoded",
                                "application/json; charset=\"",
                                "application/json;;",
                                "*/*",
                                "",
                                "json")),
                Tuple.of(1, Arbitraries.just(null)));
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<String> injection =
                Arbitraries.of(
                        "' OR '1'='1",
                        "'; DROP TABLE keyguard_api_key; --",
                        "\\u0000",
                        "\u0000",
                        "\\\"}",
                        "\"},\"key\":\"ll_x",
                        "${jndi:ldap://127.0.0.1/a}",
                        "<script>alert(1)</script>",
                        "{{7*7}}",
                        "%s%s%s%n",
                        "\u202e",
                        "\ud83d\ude00",
                        "\ud800",
                        "a".repeat(101),
                        "a".repeat(100),
                        "\u00e9".repeat(100),
                        " ",
                        "2027-01-01",
                        "2027-01-01T00:00:00Z",
                        "1970-01-01",
                        "+999999999-12-31",
                        "2027-02-30",
                        "9999-12-31T23:59:59.999999999Z",
                        "NaN");
        Arbitrary<String> value =
                Arbitraries.oneOf(
                        injection.map(HostileInputPropertiesTest::quote),
                        Arbitraries.strings()
                                .ofMaxLength(120)
                                .map(HostileInputPropertiesTest::quote),
                        Arbitraries.of(
                                "null",
                                "true",
                                "0",
                                "-0",
                                "1e400",
                                "-1",
                                "2592000",
                                "2592001",
                                "86400.5",
                                "9223372036854775808",
                                "[]",
                                "{}",
                                "[\"a\"]",
                                "{\"$gt\":\"\"}",
                                "{\"__proto__\":{\"admin\":true}}"),
                        Arbitraries.longs().map(String::valueOf),
                        // Restricted keys: scopes and allowedIps of every shape.
                        HostileRights.values(validKey),
                        HostileRights.values(validKey));
        Arbitrary<String> field =
                Arbitraries.of(
                        "name",
                        "expiresAt",
                        "gracePeriodSeconds",
                        "__proto__",
                        "constructor",
                        "key",
                        "id",
                        "organisationId",
                        "",
                        "name\u0000",
                        "scopes",
                        "allowedIps",
                        "scopes",
                        "allowedIps");
        Arbitrary<String> objects =
                Combinators.combine(field, value)
                        .as((f, v) -> quote(f) + ":" + v)
                        .list()
                        .ofMaxSize(5)
                        .map(members -> "{" + String.join(",", members) + "}");
        Arbitrary<String> nested =
                Arbitraries.integers()
                        .between(1, 2_500)
                        .map(depth -> "{\"name\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        Arbitrary<String> deepObject =
                Arbitraries.integers()
                        .between(1, 1_500)
                        .map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
        return Arbitraries.frequencyOf(
                Tuple.of(12, objects.map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, nested.map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, deepObject.map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
                Tuple.of(
                        1,
                        Arbitraries.integers()
                                .between(16 * 1024 - 20, 20 * 1024)
                                .map(
                                        n ->
                                                ("{\"name\":\"" + "x".repeat(n) + "\"}")
                                                        .getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, objects.map(s -> s.getBytes(StandardCharsets.UTF_16))),
                Tuple.of(1, objects.map(s -> ("\ufeff" + s).getBytes(StandardCharsets.UTF_8))),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                        "",
                                        "{",
                                        "}",
                                        "{}{}",
                                        "{} x",
                                        "[]",
                                        "null",
                                        "\"a\"",
                                        "{\"name\":\"a\",\"name\":\"b\"}",
                                        "{\"name\":NaN}",
                                        "{'name':'a'}",
                                        "{\"name\":\"\\ud800\"}",
                                        "{\"name\":\"a\"}\u0000")
                                .map(s -> s.getBytes(StandardCharsets.UTF_8))));
    }

    // ---------------------------------------------------------------- shared

    /**
     * No 5xx, no stack trace. Every error of Keyguard's is the envelope: the filter's (401, 429,
     * 503) anywhere, and every error under the Admin API's path. The host's own resources (other
     * paths, which Jersey answers with its own 404) and the container keep their own pages.
     */
    private static void assertSafe(String target, RawHttp.Response response) {
        assertSafe(target, response, "");
    }

    private static void assertSafe(String target, RawHttp.Response response, String request) {
        assertThat(response.status())
                .as(request + " " + target + " -> " + response)
                .isBetween(100, 499);
        assertThat(response.hasStackTrace()).as(target + " -> " + response).isFalse();
        if (!response.reachedApp()) {
            count("container " + response.status() + " " + reason(response));
            return;
        }
        REACHED_APP.incrementAndGet();
        boolean keyguards =
                response.status() == 401
                        || response.status() == 429
                        || target.startsWith(KEYS + "/")
                        || target.equals(KEYS)
                        || target.startsWith(KEYS + "?");
        if (!keyguards && !Json.isError(response.text(), "not_found")) {
            count("host app " + response.status());
            return;
        }
        if (response.status() == 400
                && unparseableContentType(request + " | " + target + " | ")
                && !isEnvelope(response)) {
            // Documented in docs/admin-api.md: the runtime's servlet cannot read the header and
            // answers with its own 400 page before any JAX-RS code runs.
            count("runtime 400 for an unparseable Content-Type");
            return;
        }
        if (response.body().length == 0
                && response.status() >= 400
                && !target.startsWith("HEAD ")) {
            throw new AssertionError("an error without a body: " + target + " -> " + response);
        }
        if (response.status() >= 400 && response.body().length > 0) {
            String what = target + " -> " + response;
            assertThat(response.header("Content-Type")).as(what).startsWith("application/json");
            String code = Json.parse(response.text()).path("error").path("code").asText();
            assertThat(Json.isError(response.text(), code)).as(what).isTrue();
            assertThat(response.header("Cache-Control")).as(what).isEqualTo("no-store");
        }
    }

    /** Keyguard's envelope, as opposed to Jetty's own error page (HTML, or JSON if asked for). */
    private static boolean isEnvelope(RawHttp.Response response) {
        try {
            return Json.parse(response.text()).has("success");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A Content-Type (sent with the request, named in the target) that Jersey cannot parse. */
    private static boolean unparseableContentType(String target) {
        int at = target.indexOf("Content-Type: ");
        if (at < 0) {
            return false;
        }
        if (target.indexOf("Content-Type: ", at + 1) >= 0) {
            return true; // two of them: no single media type to read
        }
        String value = target.substring(at + "Content-Type: ".length());
        value = value.substring(0, value.indexOf(" | "));
        try {
            jakarta.ws.rs.core.MediaType.valueOf(value);
            return value.matches("application/json; charset=\".*") || value.isEmpty();
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static void count(String what) {
        CONTAINER_ANSWERS.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    /** The container's reason, from its error page's title, for the report. */
    private static String reason(RawHttp.Response response) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("<title>Error \\d+ ([^<]*)</title>")
                        .matcher(response.text());
        if (!m.find()) {
            return "(no page)";
        }
        // The first reason only, without the character: "Illegal character CNTL=0x1f" and the like.
        String reason = m.group(1).split(", ")[0];
        return reason.startsWith("Illegal character") ? "Illegal character" : reason;
    }

    private static String describe(List<Map.Entry<String, byte[]>> headers, RawHttp.Response r) {
        return describe(headers) + " -> " + r;
    }

    private static String describe(List<Map.Entry<String, byte[]>> headers) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, byte[]> header : headers) {
            String value = new String(header.getValue(), StandardCharsets.ISO_8859_1);
            text.append(header.getKey())
                    .append(": ")
                    .append(
                            value.length() > 120
                                    ? value.substring(0, 120) + "...(" + value.length() + ")"
                                    : value)
                    .append(" | ");
        }
        return text.toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints()
                .forEach(
                        c -> {
                            if (c == '"' || c == '\\') {
                                out.append('\\').appendCodePoint(c);
                            } else if (c < 0x20) {
                                out.append(String.format("\\u%04x", c));
                            } else {
                                out.appendCodePoint(c);
                            }
                        });
        return out.append('"').toString();
    }
}
