package dev.keyguard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyOwner;
import dev.keyguard.Keyguard;
import dev.keyguard.Scopes;
import dev.keyguard.admin.internal.error.ApiError;
import dev.keyguard.admin.internal.json.JsonBody;
import dev.keyguard.admin.internal.resource.AllowedMethods;
import dev.keyguard.admin.internal.resource.ApiKeysResource;
import dev.keyguard.admin.testing.TestKeyguards;
import dev.keyguard.testing.MutableClock;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml says what the implementation does: the same paths and methods as the resource's
 * JAX-RS annotations, and the status codes that follow from each method's signature and from {@link
 * ApiError}, the one table of error statuses.
 */
class OpenApiDocumentTest {

    /** Produced by the Keyguard filter in front of the resource, not by the resource. */
    private static final int THROTTLED = 429;

    private static String text;
    private static JsonNode document;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in =
                OpenApiDocumentTest.class.getResourceAsStream(KeyguardAdminFeature.OPENAPI_YAML)) {
            assertThat(in).as(KeyguardAdminFeature.OPENAPI_YAML).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        document = new ObjectMapper(new YAMLFactory()).readTree(text);
    }

    @Test
    void isOpenApi31() {
        assertThat(document.get("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void documentsExactlyTheResourcesOperations() {
        assertThat(documented().keySet()).isEqualTo(implemented().keySet());
    }

    @Test
    void eachOperationDocumentsTheStatusesItsSignatureCanProduce() {
        Map<String, Method> implemented = implemented();
        documented()
                .forEach(
                        (operation, responses) -> {
                            Method method = implemented.get(operation);
                            // Every operation needs keys:manage: 403 insufficient_scope.
                            Set<Integer> expected =
                                    new TreeSet<>(
                                            Set.of(
                                                    400,
                                                    401,
                                                    ApiError.INSUFFICIENT_SCOPE.status(),
                                                    406,
                                                    THROTTLED,
                                                    500,
                                                    503));
                            expected.add(method.isAnnotationPresent(POST.class) ? 201 : 200);
                            if (method.isAnnotationPresent(POST.class)) {
                                expected.add(ApiError.KEY_LIMIT_REACHED.status());
                            }
                            for (Parameter parameter : method.getParameters()) {
                                if (parameter.getType() == JsonBody.class) {
                                    expected.add(ApiError.PAYLOAD_TOO_LARGE.status());
                                    expected.add(ApiError.UNSUPPORTED_MEDIA_TYPE.status());
                                }
                                if (parameter.isAnnotationPresent(PathParam.class)) {
                                    expected.add(ApiError.NOT_FOUND.status());
                                }
                            }
                            assertThat(responses).as(operation).isEqualTo(expected);
                        });
    }

    @Test
    void everyErrorStatusAndCodeOfTheImplementationIsDocumented() {
        Set<Integer> documented =
                documented().values().stream()
                        .flatMap(Set::stream)
                        .filter(status -> status >= 400)
                        .collect(Collectors.toCollection(TreeSet::new));
        // 405 belongs to a path's missing methods; the description states it.
        documented.add(ApiError.METHOD_NOT_ALLOWED.status());
        Set<Integer> implemented =
                Arrays.stream(ApiError.values())
                        .map(ApiError::status)
                        .collect(Collectors.toCollection(TreeSet::new));
        implemented.add(THROTTLED);

        assertThat(documented).isEqualTo(implemented);
        for (ApiError error : ApiError.values()) {
            assertThat(text).as(error.name()).contains("`" + error.code() + "`");
        }
    }

    /**
     * Every operation's 403 is {@code insufficient_scope} with its challenge; the operations that
     * make a key (a body: create and rotate) also document {@code rights_exceeded}.
     */
    @Test
    void every403IsInsufficientScopeWithItsChallengeAndKeyMakersAlsoRightsExceeded() {
        Map<String, Method> implemented = implemented();
        document.get("paths")
                .properties()
                .forEach(
                        path ->
                                path.getValue()
                                        .properties()
                                        .forEach(
                                                operation -> {
                                                    String name =
                                                            operation.getKey().toUpperCase()
                                                                    + " "
                                                                    + path.getKey();
                                                    JsonNode forbidden =
                                                            resolve(
                                                                    operation
                                                                            .getValue()
                                                                            .at("/responses/403"));
                                                    String description =
                                                            forbidden.get("description").asText();
                                                    assertThat(description)
                                                            .as(name)
                                                            .contains("`insufficient_scope`")
                                                            .contains("`keys:manage`");
                                                    assertThat(
                                                                    resolve(
                                                                                    forbidden.at(
                                                                                            "/headers/WWW-Authenticate"))
                                                                            .get("description")
                                                                            .asText())
                                                            .as(name)
                                                            .contains(
                                                                    "Bearer realm=\"keyguard\","
                                                                        + " error=\"insufficient_scope\","
                                                                        + " scope=\"keys:manage\"");
                                                    boolean makesAKey =
                                                            Arrays.stream(
                                                                            implemented
                                                                                    .get(name)
                                                                                    .getParameterTypes())
                                                                    .anyMatch(
                                                                            t ->
                                                                                    t
                                                                                            == JsonBody
                                                                                                    .class);
                                                    assertThat(
                                                                    description.contains(
                                                                            "`rights_exceeded`"))
                                                            .as(name)
                                                            .isEqualTo(makesAKey);
                                                }));
    }

    /**
     * The key shapes document exactly the properties the views write, in their order, all required
     * (a null is written, never left out).
     */
    @Test
    void theKeyShapesAreTheViewsProperties() throws ClassNotFoundException {
        for (Map.Entry<String, String> shape :
                Map.of("ApiKey", "Listed", "CreatedApiKey", "Created").entrySet()) {
            List<String> written =
                    List.of(
                            Class.forName(
                                            "dev.keyguard.admin.internal.resource.KeyViews$"
                                                    + shape.getValue())
                                    .getAnnotation(JsonPropertyOrder.class)
                                    .value());
            JsonNode schema = document.at("/components/schemas/" + shape.getKey());
            List<String> documented = new ArrayList<>();
            schema.get("properties").fieldNames().forEachRemaining(documented::add);
            List<String> required = new ArrayList<>();
            schema.get("required").forEach(r -> required.add(r.asText()));
            assertThat(documented).as(shape.getKey()).isEqualTo(written);
            assertThat(required).as(shape.getKey()).isEqualTo(written);
        }
    }

    /**
     * {@code scopes} and {@code allowedIps} have the rules of {@link Scopes} and {@link
     * IpAllowlist}: the scope-name pattern accepts what {@link Scopes#isScopeName} accepts, the
     * limits are theirs, the examples are valid and block examples are canonical; create and rotate
     * take both, rotate also a name and an expiry.
     */
    @Test
    void scopesAndAllowedIpsHaveTheRulesOfTheCore() {
        String pattern = document.at("/components/schemas/ScopeName/pattern").asText();
        assertThat(pattern).startsWith("^").endsWith("$");
        Pattern scopeName = Pattern.compile(pattern.substring(0, pattern.length() - 1) + "\\z");
        for (String candidate :
                List.of(
                        "leads:read",
                        "keys:manage",
                        "a",
                        "0.b_c-d:e",
                        "x".repeat(64),
                        "x".repeat(65),
                        "",
                        "Leads",
                        ":leads",
                        "-a",
                        "lead s",
                        "leads/read",
                        "l\u00e9ads",
                        "leads\n",
                        "ll_" + "0".repeat(64))) {
            assertThat(scopeName.matcher(candidate).find())
                    .as(candidate)
                    .isEqualTo(Scopes.isScopeName(candidate));
        }
        document.at("/components/schemas/ScopeName/examples")
                .forEach(e -> assertThat(Scopes.isScopeName(e.asText())).isTrue());
        assertThat(document.at("/components/schemas/Scopes/maxItems").asInt())
                .isEqualTo(Scopes.MAX_SCOPES);
        assertThat(document.at("/components/schemas/AllowedIps/maxItems").asInt())
                .isEqualTo(IpAllowlist.MAX_BLOCKS);
        assertThat(document.at("/components/schemas/AllowedIps/minItems").asInt()).isEqualTo(1);
        for (JsonNode example : document.at("/components/schemas/Cidr/examples")) {
            assertThat(IpAllowlist.of(example.asText()).blocks()).containsExactly(example.asText());
        }
        String create = "/paths/~1api~1v1~1api-keys/post/requestBody/content/application~1json";
        String rotate =
                "/paths/~1api~1v1~1api-keys~1{id}~1rotate/post/requestBody/content/application~1json";
        assertThat(propertyNames(document.at(create + "/schema/properties")))
                .containsExactly("name", "expiresAt", "scopes", "allowedIps");
        assertThat(propertyNames(document.at(rotate + "/schema/properties")))
                .containsExactly("gracePeriodSeconds", "name", "expiresAt", "scopes", "allowedIps");
        for (String body : List.of(create, rotate)) {
            for (JsonNode example : document.at(body + "/examples")) {
                JsonNode scopes = example.path("scopes");
                if (scopes.isArray()) {
                    scopes.forEach(s -> assertThat(Scopes.isScopeName(s.asText())).isTrue());
                }
                JsonNode blocks = example.path("allowedIps");
                if (blocks.isArray()) {
                    List<String> given = new ArrayList<>();
                    blocks.forEach(b -> given.add(b.asText()));
                    assertThat(IpAllowlist.of(given).blocks()).isEqualTo(given);
                }
            }
        }
    }

    private static List<String> propertyNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The node a {@code $ref} names, or the node itself. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : document.at(ref.asText().substring(1));
    }

    /**
     * Issue 13, finding 7: the {@code id} parameter has a pattern, and it is the format of the ids
     * Keyguard really makes (read from keys a running Keyguard minted), which no path literal
     * ({@code events}) and no id with a separator or a NUL matches.
     */
    @Test
    void theIdPatternMatchesTheIdsKeyguardMakesAndNothingElse() {
        JsonNode parameter = document.at("/components/parameters/Id");
        assertThat(parameter.at("/schema/$ref").asText()).isEqualTo("#/components/schemas/KeyId");
        String pattern = document.at("/components/schemas/KeyId/pattern").asText();
        assertThat(pattern).startsWith("^").endsWith("$");
        // JSON Schema's patterns are ECMA-262: there $ is the end of the text, Java's \z.
        Pattern id = Pattern.compile(pattern.substring(0, pattern.length() - 1) + "\\z");
        try (Keyguard keyguard = TestKeyguards.start(Clock.systemUTC())) {
            for (int i = 0; i < 50; i++) {
                String minted = TestKeyguards.firstKey(keyguard, "org-" + i).key().id();
                assertThat(id.matcher(minted).find()).as(minted).isTrue();
            }
        }
        for (String notAnId :
                List.of(
                        "events",
                        "key_Jq3x0v8Yb1mN2p4R6s8",
                        "key_Jq3x0v8Yb1mN2p4R6s8T0",
                        "key_Jq3x0v8Yb1mN2p4R6/8T",
                        "key_Jq3x0v8Yb1mN2p4R6\\8T",
                        "key_Jq3x0v8Yb1mN2p4R6\u00008T",
                        "key_Jq3x0v8Yb1mN2p4R6s8T\n")) {
            assertThat(id.matcher(notAnId).find()).as(notAnId).isFalse();
        }
    }

    /**
     * Issue 13, finding 7: {@code expiresAt} says its formats (a date or a date-time with an
     * offset, or null), and the examples it gives are accepted by the service.
     */
    @Test
    void expiresAtIsADateOrADateTimeOrNullAndItsExamplesAreAccepted() {
        JsonNode expiresAt =
                document.at(
                        "/paths/~1api~1v1~1api-keys/post/requestBody/content/application~1json"
                                + "/schema/properties/expiresAt");
        List<String> alternatives = new ArrayList<>();
        expiresAt
                .get("oneOf")
                .forEach(
                        a ->
                                alternatives.add(
                                        a.path("type").asText() + " " + a.path("format").asText()));
        assertThat(alternatives).containsExactly("string date", "string date-time", "null ");
        MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
        try (Keyguard keyguard = TestKeyguards.start(clock)) {
            KeyOwner owner = new KeyOwner("org-expiry", TestKeyguards.alice());
            for (JsonNode example : expiresAt.get("examples")) {
                assertThat(
                                keyguard.service()
                                        .create(owner, "n", example.asText())
                                        .key()
                                        .expiresAt())
                        .as(example.asText())
                        .isNotNull();
            }
        }
    }

    /**
     * 405 and the {@code Allow} it carries: every documented path allows exactly its documented
     * methods (and HEAD with GET), which is what the API writes in {@code Allow}, OPTIONS and TRACE
     * included (AdminApiContract).
     */
    @Test
    void theAllowOfEachPathIsItsDocumentedMethods() {
        Map<String, Set<String>> methods = new TreeMap<>();
        documented()
                .keySet()
                .forEach(
                        operation -> {
                            String[] parts = operation.split(" ", 2);
                            Set<String> allowed =
                                    methods.computeIfAbsent(parts[1], p -> new TreeSet<>());
                            allowed.add(parts[0]);
                            if (parts[0].equals("GET")) {
                                allowed.add("HEAD");
                            }
                        });
        methods.forEach(
                (path, allowed) -> {
                    String header =
                            AllowedMethods.of(path.replace("{id}", "key_Jq3x0v8Yb1mN2p4R6s8T"));
                    assertThat(header).as(path).isNotNull();
                    assertThat(new TreeSet<>(List.of(header.split(", "))))
                            .as(path)
                            .isEqualTo(allowed);
                });
        assertThat(text).contains("`OPTIONS` and `TRACE`");
    }

    /** "METHOD /path" to the documented status codes. */
    private static Map<String, Set<Integer>> documented() {
        Map<String, Set<Integer>> operations = new TreeMap<>();
        document.get("paths")
                .properties()
                .forEach(
                        path ->
                                path.getValue()
                                        .properties()
                                        .forEach(
                                                operation -> {
                                                    Set<Integer> statuses = new TreeSet<>();
                                                    operation
                                                            .getValue()
                                                            .get("responses")
                                                            .fieldNames()
                                                            .forEachRemaining(
                                                                    status ->
                                                                            statuses.add(
                                                                                    Integer
                                                                                            .parseInt(
                                                                                                    status)));
                                                    operations.put(
                                                            operation.getKey().toUpperCase()
                                                                    + " "
                                                                    + path.getKey(),
                                                            statuses);
                                                }));
        return operations;
    }

    /** "METHOD /path" to the resource method, from the JAX-RS annotations. */
    private static Map<String, Method> implemented() {
        String root = "/" + ApiKeysResource.class.getAnnotation(Path.class).value();
        Map<String, Method> operations = new TreeMap<>();
        for (Method method : ApiKeysResource.class.getMethods()) {
            String httpMethod =
                    Arrays.stream(method.getAnnotations())
                            .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                            .filter(java.util.Objects::nonNull)
                            .map(HttpMethod::value)
                            .findFirst()
                            .orElse(null);
            if (httpMethod == null) {
                continue;
            }
            Path sub = method.getAnnotation(Path.class);
            operations.put(
                    httpMethod + " " + root + (sub == null ? "" : "/" + sub.value()), method);
        }
        assertThat(operations).isNotEmpty();
        return operations;
    }
}
