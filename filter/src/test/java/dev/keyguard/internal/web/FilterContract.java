package dev.keyguard.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.keyguard.Actor;
import dev.keyguard.ApiKey;
import dev.keyguard.ApiKeyFilter;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.Person;
import dev.keyguard.RotatedApiKey;
import dev.keyguard.internal.Tuning;
import dev.keyguard.internal.cache.CachingKeyStore;
import dev.keyguard.internal.key.KeyHash;
import dev.keyguard.internal.observe.Outcome;
import dev.keyguard.internal.observe.Refusal;
import dev.keyguard.spi.StoredKey;
import dev.keyguard.testing.FakeTicker;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.RecordingObserver;
import dev.keyguard.testing.SecurityEvents;
import dev.keyguard.testing.SwitchableDataSource;
import dev.keyguard.testing.TestKeys;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The Authentication section of the contract, over real HTTP, against a real container and a real
 * H2 database. Written once; each container's subclass only says how to deploy.
 */
abstract class FilterContract {

    static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
    static final KeyOwner ALICE =
            new KeyOwner("org-1", new KeyUser("user-1", "Alice", "Smith", "alice@example.com"));
    static final String UNKNOWN_KEY = TestKeys.unmintedFixed();
    static final String INVALID_TOKEN_CHALLENGE =
            "Bearer realm=\"keyguard\", error=\"invalid_token\"";
    static final String INVALID_TOKEN_BODY =
            "{\"success\":false,\"error\":{\"code\":\"unauthorized\","
                    + "\"message\":\"The API key is invalid, revoked or expired.\"}}";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final MutableClock clock = new MutableClock(START);
    final FakeTicker ticker = new FakeTicker();
    final SwitchableDataSource database = SwitchableDataSource.uniqueInMemory();
    final RecordingObserver observed = new RecordingObserver();
    Keyguard keyguard;
    Deployment deployment;

    /** Starts the container with the filter on {@code /api/*}. */
    abstract Deployment deploy(Filter filter, Map<String, String> initParams) throws Exception;

    @AfterEach
    void stop() throws Exception {
        if (deployment != null) {
            deployment.stop();
        }
        if (keyguard != null) {
            keyguard.close();
        }
    }

    /** A Keyguard made in code (fake clock and ticker, statistics, feed idle), behind a filter. */
    void deployInCode(UnaryOperator<KeyguardConfig.Builder> settings) throws Exception {
        KeyguardConfig.Builder builder =
                KeyguardConfig.builder()
                        .dataSource(database)
                        .clock(clock)
                        .lastUsedFlushInterval(Duration.ofHours(1))
                        // The event feed's reads would count among the statements some tests count.
                        .eventsPollInterval(Duration.ofHours(1));
        keyguard =
                KeyguardInternals.start(
                        settings.apply(builder).build(),
                        Tuning.DEFAULT
                                .withTicker(ticker)
                                .withObserver(observed)
                                .withHibernateSetting("hibernate.generate_statistics", true));
        deployment = deploy(new ApiKeyFilter(keyguard), Map.of("keyguard.realm", "ignored"));
    }

    void deployInCode() throws Exception {
        deployInCode(b -> b);
    }

    CreatedApiKey newKey() {
        return keyguard.service().create(ALICE, "test", null);
    }

    HttpResponse<String> get(String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(deployment.uri(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> withKey(String key) throws IOException, InterruptedException {
        return get("/api/whoami", "Bearer " + key);
    }

    /** A request from {@code address}, as a proxy in front of the container would say. */
    HttpResponse<String> from(String address, String key) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(deployment.uri("/api/whoami"))
                        .header("Authorization", "Bearer " + key)
                        .header("X-Forwarded-For", address)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    Statistics statistics() {
        return KeyguardInternals.statistics(keyguard);
    }

    static void assertInvalidToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue(INVALID_TOKEN_CHALLENGE);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/json");
        assertThat(response.body()).isEqualTo(INVALID_TOKEN_BODY);
    }

    @Test
    void missingCredentialsGet401WithARealmChallengeAndTheJsonEnvelope() throws Exception {
        deployInCode(b -> b.realm("shop-api"));

        for (String authorization : new String[] {null, "Basic dXNlcjpwYXNz"}) {
            HttpResponse<String> response = get("/api/whoami", authorization);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Bearer realm=\"shop-api\"");
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/json");
            assertThat(response.body())
                    .isEqualTo(
                            "{\"success\":false,\"error\":{\"code\":\"unauthorized\",\"message\":\"An"
                                + " API key is required: send it as 'Authorization: Bearer"
                                + " <key>'.\"}}");
        }
    }

    @Test
    void malformedUnknownRevokedAndExpiredKeysAllGetTheSameInvalidTokenAnswer() throws Exception {
        deployInCode();
        String valid = newKey().rawKey();
        CreatedApiKey revoked = newKey();
        keyguard.service().revoke("org-1", revoked.key().id());
        String expiring =
                keyguard.service().create(ALICE, "short", "2026-05-01T01:00:00Z").rawKey();
        clock.advance(Duration.ofHours(2));

        List<String> badKeys =
                List.of(
                        "not-a-key",
                        valid.toUpperCase(),
                        "xx_" + valid.substring(3),
                        valid.substring(0, valid.length() - 1),
                        UNKNOWN_KEY,
                        revoked.rawKey(),
                        expiring);
        for (String bad : badKeys) {
            assertInvalidToken(withKey(bad));
        }
        assertInvalidToken(get("/api/whoami", "Bearer"));
    }

    @Test
    void everyRequestIsReportedOnceWithItsOutcomeAndEachRefusalWithItsKeyButNeverTheKey()
            throws Exception {
        deployInCode(b -> b.throttleMaxFailures(3));
        CreatedApiKey valid = newKey();
        CreatedApiKey revoked = newKey();
        keyguard.service().revoke("org-1", revoked.key().id());
        CreatedApiKey expiring = keyguard.service().create(ALICE, "short", "2026-05-01T01:00:00Z");
        clock.advance(Duration.ofHours(2));
        String raw = valid.rawKey();
        String wrongChecksum = raw.substring(0, raw.length() - 1) + (raw.endsWith("0") ? "1" : "0");

        assertThat(withKey(valid.rawKey()).statusCode()).isEqualTo(200);
        assertThat(get("/api/whoami", null).statusCode()).isEqualTo(401);
        assertInvalidToken(withKey("not-a-key"));
        assertInvalidToken(withKey(wrongChecksum));
        assertInvalidToken(withKey(UNKNOWN_KEY));
        assertInvalidToken(withKey(revoked.rawKey()));
        assertInvalidToken(withKey(expiring.rawKey()));
        assertThat(withKey(UNKNOWN_KEY).statusCode()).isEqualTo(429);

        assertThat(observed.outcomes())
                .containsExactly(
                        Outcome.VALID,
                        Outcome.MISSING,
                        Outcome.MALFORMED,
                        Outcome.CHECKSUM,
                        Outcome.UNKNOWN,
                        Outcome.REVOKED,
                        Outcome.EXPIRED,
                        Outcome.THROTTLED);
        List<Refusal> refusals = observed.refusals();
        assertThat(refusals)
                .extracting(Refusal::outcome)
                .containsExactly(
                        Outcome.MALFORMED,
                        Outcome.CHECKSUM,
                        Outcome.UNKNOWN,
                        Outcome.REVOKED,
                        Outcome.EXPIRED,
                        Outcome.THROTTLED);
        assertThat(refusals.get(0).keyPrefix()).as("nothing of a malformed key").isNull();
        assertThat(refusals.get(2).keyPrefix())
                .isEqualTo(UNKNOWN_KEY.substring(0, "ll_".length() + 10));
        assertThat(refusals.get(2).keyId()).isNull();
        assertThat(refusals.get(3))
                .extracting(Refusal::organisationId, Refusal::keyId)
                .containsExactly("org-1", revoked.key().id());
        assertThat(refusals.get(4).keyId()).isEqualTo(expiring.key().id());
        assertThat(refusals).allSatisfy(r -> assertThat(r.address()).isNotBlank());
        assertThat(observed.throttled()).hasSize(1);
        String everything = refusals.toString() + observed.throttled();
        for (CreatedApiKey key : List.of(valid, revoked, expiring)) {
            assertThat(everything)
                    .doesNotContain(key.rawKey())
                    .doesNotContain(KeyHash.sha256Hex(key.rawKey()));
        }
    }

    @Test
    void theSecurityLogSaysEachRefusalThrottleAndKeyChangeOnOneLineAndNeverTheKey()
            throws Exception {
        String evilOrg = "org-1\nevent=key.created org=victim key=key_forged";
        String evilUser = "eve\" event=\"key.revoked\r\n";
        deployInCode(
                b ->
                        b.throttleMaxFailures(2)
                                .people(request -> Optional.of(Person.of(evilOrg, evilUser))));
        try (SecurityEvents events = SecurityEvents.open()) {
            CreatedApiKey valid = newKey();
            CreatedApiKey revoked = newKey();
            Actor byKey = new Actor(valid.key().id(), "user-1");
            keyguard.service().revoke("org-1", revoked.key().id(), byKey);
            RotatedApiKey rotated =
                    keyguard.service()
                            .rotate("org-1", valid.key().id(), Duration.ofMinutes(5), byKey);

            assertThat(withKey(valid.rawKey()).statusCode()).as("in its grace").isEqualTo(200);
            assertThat(withKey(rotated.replacement().rawKey()).statusCode()).isEqualTo(200);
            assertThat(get("/api/whoami", null).statusCode()).isEqualTo(401);
            assertInvalidToken(withKey("not-a-key"));
            assertInvalidToken(withKey(revoked.rawKey()));
            assertInvalidToken(withKey(UNKNOWN_KEY));
            assertThat(withKey(UNKNOWN_KEY).statusCode()).isEqualTo(429);
            HttpResponse<String> forged =
                    HTTP.send(
                            HttpRequest.newBuilder(deployment.uri("/api/v1/api-keys"))
                                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(403);

            List<String> lines = events.lines();
            String prefix = UNKNOWN_KEY.substring(0, "ll_".length() + 10);
            String revokedId = revoked.key().id();
            String validId = valid.key().id();
            String newId = rotated.replacement().key().id();
            assertThat(lines)
                    .containsExactly(
                            "event=key.created org=org-1 key="
                                    + validId
                                    + " prefix="
                                    + valid.key().keyPrefix()
                                    + " expires=- actor_key=- actor_user=-",
                            "event=key.created org=org-1 key="
                                    + revokedId
                                    + " prefix="
                                    + revoked.key().keyPrefix()
                                    + " expires=- actor_key=- actor_user=-",
                            "event=key.revoked org=org-1 key="
                                    + revokedId
                                    + " prefix="
                                    + revoked.key().keyPrefix()
                                    + " actor_key="
                                    + validId
                                    + " actor_user=user-1",
                            "event=key.rotated org=org-1 key="
                                    + validId
                                    + " new_key="
                                    + newId
                                    + " new_prefix="
                                    + rotated.replacement().key().keyPrefix()
                                    + " grace_seconds=300 old_expires="
                                    + START.plus(Duration.ofMinutes(5))
                                    + " actor_key="
                                    + validId
                                    + " actor_user=user-1",
                            "event=key.refused outcome=malformed org=- key=- prefix=- address="
                                    + "127.0.0.1 reason=-",
                            "event=key.refused outcome=revoked org=org-1 key="
                                    + revokedId
                                    + " prefix="
                                    + revoked.key().keyPrefix()
                                    + " address=127.0.0.1 reason=-",
                            "event=key.refused outcome=unknown org=- key=- prefix="
                                    + prefix
                                    + " address=127.0.0.1 reason=-",
                            "event=key.throttled address=127.0.0.1 blocked_seconds="
                                    + keyguard.config().throttleBlock().toSeconds(),
                            "event=key.refused outcome=throttled org=- key=- prefix="
                                    + prefix
                                    + " address=127.0.0.1 reason=unknown",
                            "event=csrf.refused outcome=csrf_failed org=\"org-1\\nevent="
                                    + "key.created org=victim key=key_forged\" key=- prefix=-"
                                    + " address=127.0.0.1 reason=\"POST by eve\\\" event=\\\""
                                    + "key.revoked\\r\\n\"");
            List<Map.Entry<String, String>> csrf = events.parsed().get(lines.size() - 1);
            assertThat(csrf)
                    .extracting(Map.Entry::getKey)
                    .containsExactly(
                            "event", "outcome", "org", "key", "prefix", "address", "reason");
            assertThat(csrf.get(2).getValue()).isEqualTo(evilOrg);
            assertThat(csrf.get(6).getValue()).isEqualTo("POST by " + evilUser);
            String everything = String.join("\n", lines) + events.events();
            for (CreatedApiKey key : List.of(valid, revoked, rotated.replacement())) {
                assertThat(everything)
                        .doesNotContain(key.rawKey().substring(3))
                        .doesNotContain(KeyHash.sha256Hex(key.rawKey()));
            }
        }
    }

    @Test
    void validKeyReachesTheServletWithItsPrincipalAndRequestAttribute() throws Exception {
        deployInCode();
        CreatedApiKey key = newKey();

        HttpResponse<String> response = withKey(key.rawKey());

        assertThat(response.statusCode()).isEqualTo(200);
        String id = key.key().id();
        assertThat(response.body())
                .isEqualTo(
                        "path=/app/api/whoami;key="
                                + id
                                + ";org=org-1;user=user-1;authType=Bearer;attribute="
                                + id);
    }

    @Test
    void schemeIsCaseInsensitiveAndWhitespaceIsTolerated() throws Exception {
        deployInCode();
        String key = newKey().rawKey();

        for (String authorization :
                List.of(
                        "bearer " + key,
                        "BEARER " + key,
                        "Bearer    " + key,
                        "Bearer\t" + key + "  ",
                        "  bEaReR " + key)) {
            assertThat(get("/api/whoami", authorization).statusCode())
                    .as(authorization.replace(key, "<key>"))
                    .isEqualTo(200);
        }
    }

    @Test
    void revokedKeyIsRejectedOnTheNextRequest() throws Exception {
        deployInCode();
        CreatedApiKey key = newKey();
        assertThat(withKey(key.rawKey()).statusCode()).isEqualTo(200);

        keyguard.service().revoke("org-1", key.key().id());

        assertInvalidToken(withKey(key.rawKey()));
    }

    @Test
    void expiredKeyIsRejectedAsSoonAsTheClockPassesExpiresAt() throws Exception {
        deployInCode();
        String key = keyguard.service().create(ALICE, "short", "2026-05-01T01:00:00Z").rawKey();
        assertThat(withKey(key).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThat(withKey(key).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));
        assertInvalidToken(withKey(key));
    }

    @Test
    void addressPresentingRepeatedUnknownKeysGets429WithRetryAfterUntilTheBlockEnds()
            throws Exception {
        deployInCode(b -> b.throttleMaxFailures(3).throttleBlock(Duration.ofMinutes(1)));

        for (int i = 0; i < 3; i++) {
            assertInvalidToken(withKey(UNKNOWN_KEY));
        }
        HttpResponse<String> throttled = withKey(TestKeys.unminted());

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(throttled.body())
                .isEqualTo(
                        "{\"success\":false,\"error\":{\"code\":\"too_many_requests\",\"message\":\"Too"
                            + " many requests with invalid API keys; try again later.\"}}");
        ticker.advance(Duration.ofSeconds(61));
        assertInvalidToken(withKey(UNKNOWN_KEY));
    }

    @Test
    void aValidKeyFromAThrottledAddressPassesCachedOrNot() throws Exception {
        deployInCode(b -> b.throttleMaxFailures(3).throttleBlock(Duration.ofMinutes(1)));
        String cached = newKey().rawKey();
        String notYetUsed = newKey().rawKey();
        assertThat(withKey(cached).statusCode()).isEqualTo(200);

        for (int i = 0; i < 3; i++) {
            assertInvalidToken(withKey(TestKeys.unminted()));
        }
        assertThat(withKey(UNKNOWN_KEY).statusCode()).as("the address is throttled").isEqualTo(429);

        assertThat(withKey(cached).statusCode()).isEqualTo(200);
        assertThat(withKey(notYetUsed).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedKeysAndWrongChecksumsAreNotCountedByTheThrottle() throws Exception {
        deployInCode(b -> b.throttleMaxFailures(3));

        for (int i = 0; i < 10; i++) {
            assertInvalidToken(withKey(TestKeys.badChecksum()));
            assertInvalidToken(withKey("not-a-key"));
        }

        assertInvalidToken(withKey(UNKNOWN_KEY));
    }

    @Test
    void aKeyWithAWrongChecksumCostsNoCacheOrStoreLookUp() throws Exception {
        deployInCode(b -> b.throttleMaxFailures(0));
        String valid = newKey().rawKey();
        String lastChanged =
                valid.substring(0, valid.length() - 1) + (valid.endsWith("0") ? "1" : "0");
        CachingKeyStore cache = KeyguardInternals.of(keyguard).cache();
        cache.invalidateAll();
        statistics().clear();

        for (String forged : List.of(lastChanged, TestKeys.badChecksum(), "ll_" + "0".repeat(64))) {
            assertInvalidToken(withKey(forged));
        }

        assertThat(statistics().getPrepareStatementCount()).as("statements").isZero();
        cache.cleanUp();
        assertThat(cache.estimatedSize()).as("answers cached").isZero();
    }

    @Test
    void keysWithoutAChecksumVerifyOnlyWhereTheSettingAllowsThem() throws Exception {
        String legacy = "ll_" + "0123456789abcdef".repeat(4);
        deployInCode(b -> b.keysAcceptWithoutChecksum(true));
        insertLegacyKey(legacy);

        assertThat(withKey(legacy).statusCode()).isEqualTo(200);
        assertThat(withKey(newKey().rawKey()).statusCode()).isEqualTo(200);
        deployment.stop();
        keyguard.close();

        deployInCode(); // on the same database, which holds the key
        statistics().clear();
        assertInvalidToken(withKey(legacy));
        assertThat(statistics().getPrepareStatementCount()).as("statements").isZero();
    }

    private void insertLegacyKey(String raw) {
        KeyguardInternals.of(keyguard)
                .cache()
                .insertWithinLimit(
                        StoredKey.of(
                                new ApiKey(
                                        "legacy-imported-1",
                                        "imported",
                                        raw.substring(0, 13),
                                        ALICE,
                                        START,
                                        null,
                                        null),
                                KeyHash.sha256Hex(raw)),
                        10,
                        START,
                        Actor.operator());
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64AndIpv4PerAddress() throws Exception {
        deployInCode(b -> b.throttleMaxFailures(2));

        assertInvalidToken(from("2001:db8:1:2::1", TestKeys.unminted()));
        assertInvalidToken(from("2001:db8:1:2:ffff:ffff:ffff:ffff", TestKeys.unminted()));
        assertInvalidToken(from("198.51.100.7", TestKeys.unminted()));
        assertInvalidToken(from("198.51.100.8", TestKeys.unminted()));

        assertThat(from("2001:db8:1:2:abcd::9", TestKeys.unminted()).statusCode())
                .as("the same /64")
                .isEqualTo(429);
        assertInvalidToken(from("2001:db8:1:3::1", TestKeys.unminted()));
        assertInvalidToken(from("198.51.100.9", TestKeys.unminted()));
        assertInvalidToken(from("::ffff:198.51.100.7", TestKeys.unminted()));
        assertThat(from("::ffff:198.51.100.7", TestKeys.unminted()).statusCode())
                .as("an IPv4-mapped address is its IPv4 address")
                .isEqualTo(429);
    }

    @Test
    void rotatingAddressesBeyondTheLookUpBudgetGet503AtOnceWithoutTouchingTheStore()
            throws Exception {
        deployInCode();
        int burst = KeyguardConfig.THROTTLE_LOOKUP_BURST.defaultValue();
        String uncached = newKey().rawKey();
        statistics().clear();

        for (int i = 0; i < burst; i++) {
            assertInvalidToken(from("10.1." + (i / 250) + "." + (i % 250), TestKeys.unminted()));
        }
        long statements = statistics().getPrepareStatementCount();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response =
                    from("10.2.0." + i, i % 2 == 0 ? TestKeys.unminted() : uncached);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(response.body()).contains("\"code\":\"unavailable\"");
        }

        assertThat(statements).as("one look-up per unknown key within the budget").isEqualTo(burst);
        assertThat(statistics().getPrepareStatementCount())
                .as("none beyond it")
                .isEqualTo(statements);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(from("10.2.0.1", uncached).statusCode()).isEqualTo(200);
    }

    @Test
    void whenTheBudgetIsShortClientsWithoutFailuresAreServedFirst() throws Exception {
        deployInCode(b -> b.throttleLookupsPerSecond(10).throttleLookupBurst(4));
        String uncached = newKey().rawKey();

        assertInvalidToken(from("203.0.113.1", TestKeys.unminted()));
        assertInvalidToken(from("203.0.113.1", TestKeys.unminted()));
        assertThat(from("203.0.113.1", TestKeys.unminted()).statusCode())
                .as("a client with failures may not take the reserve")
                .isEqualTo(503);
        assertThat(from("203.0.113.1", uncached).statusCode())
                .as("nor for a valid key")
                .isEqualTo(503);

        assertThat(from("203.0.113.2", uncached).statusCode()).isEqualTo(200);
    }

    @Test
    void storeOutageGives503ForKeysItMustCheckWhileCachedKeysKeepWorking() throws Exception {
        deployInCode();
        String cached = newKey().rawKey();
        String notYetUsed = newKey().rawKey();
        assertThat(withKey(cached).statusCode()).isEqualTo(200);

        database.down();
        ticker.advance(Duration.ofSeconds(10));

        assertThat(withKey(cached).statusCode()).isEqualTo(200);
        for (String key : List.of(notYetUsed, UNKNOWN_KEY)) {
            HttpResponse<String> response = withKey(key);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
            assertThat(response.body())
                    .isEqualTo(
                            "{\"success\":false,\"error\":{\"code\":\"unavailable\",\"message\":\"The"
                                + " API key could not be checked right now; try again"
                                + " shortly.\"}}");
        }

        database.up();
        assertThat(withKey(notYetUsed).statusCode()).isEqualTo(200);
        assertInvalidToken(withKey(UNKNOWN_KEY));
    }

    @Test
    void hammeringWithTheSameUnknownRevokedOrValidKeyDoesNotQueryTheStoreEachTime()
            throws Exception {
        deployInCode(b -> b.throttleMaxFailures(0));
        String valid = newKey().rawKey();
        CreatedApiKey revoked = newKey();
        keyguard.service().revoke("org-1", revoked.key().id());
        statistics().clear();

        for (int i = 0; i < 10; i++) {
            assertInvalidToken(withKey(UNKNOWN_KEY));
            assertInvalidToken(withKey(revoked.rawKey()));
            assertThat(withKey(valid).statusCode()).isEqualTo(200);
        }

        assertThat(statistics().getPrepareStatementCount())
                .as("one look-up for the unknown key, one for the valid one, none for the revoked")
                .isEqualTo(2);
    }

    @Test
    void lastUsedAtIsWrittenBehindAsOneUpdatePerKeyPerFlush() throws Exception {
        deployInCode();
        CreatedApiKey key = newKey();
        for (int i = 0; i < 25; i++) {
            assertThat(withKey(key.rawKey()).statusCode()).isEqualTo(200);
        }
        assertThat(keyguard.service().list("org-1"))
                .extracting(ApiKey::lastUsedAt)
                .containsOnlyNulls();
        statistics().clear();

        KeyguardInternals.of(keyguard).usage().flush();

        assertThat(statistics().getPrepareStatementCount()).as("UPDATE statements").isEqualTo(1);
        assertThat(keyguard.service().list("org-1"))
                .extracting(ApiKey::lastUsedAt)
                .containsExactly(START);
    }

    @Test
    void lastUsedAtBecomesVisibleWithinTheFlushIntervalWithoutAnyCall() throws Exception {
        deployInCode(b -> b.lastUsedFlushInterval(Duration.ofMillis(200)));
        CreatedApiKey key = newKey();

        assertThat(withKey(key.rawKey()).statusCode()).isEqualTo(200);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (keyguard.service().list("org-1").get(0).lastUsedAt() == null
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(keyguard.service().list("org-1").get(0).lastUsedAt()).isEqualTo(START);
    }

    @Test
    void aCorsPreflightNeedsAKeyUnlessPassThroughIsSwitchedOn() throws Exception {
        deployInCode();

        HttpResponse<String> preflight =
                HTTP.send(
                        HttpRequest.newBuilder(deployment.uri("/api/whoami"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "https://evil.example")
                                .header("Access-Control-Request-Method", "DELETE")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).as("never reaches the host by default").isEqualTo(401);
    }

    @Test
    void corsPreflightPassesWithoutAKeyWhenSwitchedOnButOtherOptionsRequestsDoNot()
            throws Exception {
        deployInCode(b -> b.corsPreflightPassThrough(true));
        HttpRequest.Builder options =
                HttpRequest.newBuilder(deployment.uri("/api/whoami"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://app.example.com");

        HttpResponse<String> preflight =
                HTTP.send(
                        options.copy().header("Access-Control-Request-Method", "DELETE").build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> plain =
                HTTP.send(options.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(plain.statusCode()).isEqualTo(401);
    }

    @Test
    void excludedPathsPassWithoutAKeyAndNothingElseDoes() throws Exception {
        deployInCode(b -> b.excludedPaths(List.of("/api/health", "/api/public/*")));

        assertThat(get("/api/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/public", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/public/docs/index", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/healthz", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/publicity", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/whoami", null).statusCode()).isEqualTo(401);
    }

    @Test
    void containerMadeFilterReadsInitParamsPublishesItsKeyguardAndFlushesOnDestroy()
            throws Exception {
        String url = "jdbc:h2:mem:kg-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        deployment =
                deploy(
                        null,
                        Map.of(
                                KeyguardConfig.JDBC_URL.name(),
                                url,
                                KeyguardConfig.JDBC_USER.name(),
                                "sa",
                                KeyguardConfig.REALM.name(),
                                "from-init-param",
                                KeyguardConfig.LAST_USED_FLUSH_INTERVAL.name(),
                                "1h"));
        Keyguard published = (Keyguard) deployment.contextAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
        assertThat(published).isNotNull();
        String key = published.service().create(ALICE, "test", null).rawKey();

        assertThat(get("/api/whoami", null).headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"from-init-param\"");
        assertThat(withKey(key).statusCode()).isEqualTo(200);
        deployment.stop();
        deployment = null;

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT last_used_at FROM keyguard_api_key")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getObject(1)).as("lastUsedAt written on destroy").isNotNull();
            statement.execute("SHUTDOWN");
        }
    }

    @Test
    void logLinesNeverHoldARawKeyOrItsFullHash() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.keyguard");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(appender);
        List<String> secrets = new ArrayList<>();
        try {
            deployInCode(b -> b.throttleMaxFailures(2));
            CreatedApiKey key = newKey();
            String uncached = newKey().rawKey();
            secrets.addAll(List.of(key.rawKey(), uncached, UNKNOWN_KEY));
            withKey(key.rawKey());
            keyguard.service().revoke("org-1", key.key().id());
            withKey(key.rawKey());
            withKey(UNKNOWN_KEY);
            withKey(UNKNOWN_KEY);
            ticker.advance(Duration.ofMinutes(10));
            database.down();
            withKey(uncached);
            KeyguardInternals.of(keyguard).usage().flush();
        } catch (RuntimeException expected) {
            // the flush during the outage fails; only the log lines matter here
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }

        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : appender.list) {
            lines.add(event.getFormattedMessage() + " " + event.getThrowableProxy());
        }
        assertThat(lines).anyMatch(line -> line.contains("refused key"));
        for (String secret : secrets) {
            String hash = KeyHash.sha256Hex(secret);
            assertThat(lines)
                    .noneMatch(
                            line ->
                                    line.contains(secret.substring(3))
                                            || line.contains(hash.substring(0, 16)));
        }
    }
}
