package dev.keyguard.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Caller;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.NewKey;
import dev.keyguard.Scopes;
import dev.keyguard.internal.key.KeyHash;
import dev.keyguard.internal.metrics.MeterBinding;
import dev.keyguard.internal.observe.Outcome;
import dev.keyguard.micrometer.KeyguardMetrics;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.SwitchableDataSource;
import dev.keyguard.testing.TestKeys;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every meter of docs/operations.md, read after known traffic over real HTTP through the filter on
 * a real container and a real H2 database: each outcome counted once per request, the store's
 * look-ups, the cache, the key-event feed, the {@code lastUsedAt} write-behind and the throttle.
 * Written once; each container's subclass only says how to deploy.
 */
abstract class MetricsContract {

    static final KeyOwner ALICE =
            new KeyOwner("org-1", new KeyUser("user-1", "Alice", "Smith", "alice@example.com"));
    static final String UNKNOWN_KEY = TestKeys.unmintedFixed();
    static final String OTHER_ADDRESS = "203.0.113.9";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
    final SwitchableDataSource database = SwitchableDataSource.uniqueInMemory();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Keyguard keyguard;
    Deployment deployment;

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

    @Test
    void everyDocumentedMeterCountsWhatHappenedOverRealHttp() throws Exception {
        keyguard =
                Keyguard.start(
                        KeyguardConfig.builder()
                                .dataSource(database)
                                .clock(clock)
                                .metricsGlobal(false)
                                .scopes(List.of("reports:read", "leads:read"))
                                .pathScopes(List.of("/api/reports/* reports:read"))
                                .throttleMaxFailures(5)
                                .lastUsedFlushInterval(Duration.ofHours(1))
                                .eventsPollInterval(Duration.ofHours(1))
                                .build());
        new KeyguardMetrics(keyguard).bindTo(registry);
        deployment = deploy(new ApiKeyFilter(keyguard), Map.of());

        CreatedApiKey valid = keyguard.service().create(ALICE, "valid", null);
        CreatedApiKey revoked = keyguard.service().create(ALICE, "revoked", null);
        keyguard.service().revoke("org-1", revoked.key().id());
        CreatedApiKey expiring = keyguard.service().create(ALICE, "short", "2026-05-01T01:00:00Z");
        CreatedApiKey leadsOnly = key(Scopes.of("leads:read"), IpAllowlist.anywhere());
        CreatedApiKey elsewhere = key(Scopes.unrestricted(), IpAllowlist.of("10.0.0.0/8"));
        clock.advance(Duration.ofHours(2));
        String raw = valid.rawKey();
        String wrongChecksum = raw.substring(0, raw.length() - 1) + (raw.endsWith("0") ? "1" : "0");

        assertThat(send("/api/whoami", raw, null).statusCode()).isEqualTo(200);
        assertThat(send("/api/whoami", null, null).statusCode()).isEqualTo(401);
        assertThat(send("/api/whoami", "not-a-key", null).statusCode()).isEqualTo(401);
        assertThat(send("/api/whoami", wrongChecksum, null).statusCode()).isEqualTo(401);
        for (int i = 0; i < 3; i++) {
            assertThat(send("/api/whoami", UNKNOWN_KEY, null).statusCode()).isEqualTo(401);
        }
        assertThat(send("/api/whoami", revoked.rawKey(), null).statusCode()).isEqualTo(401);
        assertThat(send("/api/whoami", expiring.rawKey(), null).statusCode()).isEqualTo(401);
        assertThat(send("/api/whoami", UNKNOWN_KEY, null).statusCode())
                .as("the fifth invalid key blocked the address")
                .isEqualTo(429);
        assertThat(send("/api/reports/x", leadsOnly.rawKey(), OTHER_ADDRESS).statusCode())
                .isEqualTo(403);
        assertThat(send("/api/whoami", elsewhere.rawKey(), OTHER_ADDRESS).statusCode())
                .isEqualTo(403);
        database.down();
        assertThat(send("/api/whoami", TestKeys.unminted(), OTHER_ADDRESS).statusCode())
                .isEqualTo(503);
        assertThatThrownBy(() -> KeyguardInternals.of(keyguard).usage().flush())
                .as("the write-behind cannot write while the database is down");
        database.up();
        KeyguardInternals.of(keyguard).follower().catchUp();

        Map<Outcome, Double> expected = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            expected.put(outcome, 0.0);
        }
        expected.put(Outcome.VALID, 1.0);
        expected.put(Outcome.MISSING, 1.0);
        expected.put(Outcome.MALFORMED, 1.0);
        expected.put(Outcome.CHECKSUM, 1.0);
        expected.put(Outcome.UNKNOWN, 3.0);
        expected.put(Outcome.REVOKED, 1.0);
        expected.put(Outcome.EXPIRED, 1.0);
        expected.put(Outcome.THROTTLED, 1.0);
        expected.put(Outcome.INSUFFICIENT_SCOPE, 1.0);
        expected.put(Outcome.IP_NOT_ALLOWED, 1.0);
        expected.put(Outcome.UNAVAILABLE, 1.0);
        for (Outcome outcome : Outcome.values()) {
            assertThat(
                            registry.get(MeterBinding.VERIFICATIONS)
                                    .tag("outcome", outcome.tag())
                                    .functionCounter()
                                    .count())
                    .as("keyguard.verifications{outcome=%s}", outcome.tag())
                    .isEqualTo(expected.get(outcome));
        }

        // Look-ups on a miss: the four keys found (valid, expired, the two restricted), the
        // unknown key once (then cached), the revoked one never (revocation cached it), and the
        // one asked while the database was down.
        assertThat(lookup("found").count()).isEqualTo(4);
        assertThat(lookup("absent").count()).isEqualTo(1);
        assertThat(lookup("failed").count()).isEqualTo(1);
        assertThat(lookup("found").totalTime(TimeUnit.NANOSECONDS)).isPositive();

        assertThat(registry.get("cache.gets").tag("result", "hit").functionCounter().count())
                .as("the unknown key twice, the revoked and the throttled one")
                .isGreaterThanOrEqualTo(4);
        assertThat(registry.get("cache.gets").tag("result", "miss").functionCounter().count())
                .isGreaterThanOrEqualTo(6);
        KeyguardInternals.of(keyguard).cache().cleanUp();
        assertThat(registry.get("cache.size").tag("cache", "keyguard.keys").gauge().value())
                .isEqualTo(6);

        assertThat(registry.get(MeterBinding.EVENTS_APPLIED).functionCounter().count())
                .as("five keys created, one revoked")
                .isEqualTo(6);
        assertThat(registry.get(MeterBinding.CACHE_CLEARS).functionCounter().count()).isZero();
        assertThat(registry.get(MeterBinding.EVENTS_LAG).timeGauge().value(TimeUnit.SECONDS))
                .isBetween(0.0, 60.0);
        assertThat(registry.get(MeterBinding.EVENTS_LAST_SUCCESS).gauge().value())
                .isCloseTo(clock.millis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));

        assertThat(registry.get(MeterBinding.LAST_USED_PENDING).gauge().value())
                .as("the valid key and the two restricted ones were used (and let in)")
                .isEqualTo(3);
        assertThat(registry.get(MeterBinding.LAST_USED_FLUSH_FAILURES).functionCounter().count())
                .isEqualTo(1);

        assertThat(registry.get(MeterBinding.THROTTLE_BLOCKS).functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get(MeterBinding.THROTTLE_BLOCKED).gauge().value()).isEqualTo(1);

        assertNoTagNamesAKeyAnOrganisationOrAnAddress(valid, revoked, expiring, leadsOnly);
    }

    @Test
    void aDestroyedFilterNoLongerCountsItsThrottleAndAClosedKeyguardLeavesNoMeter()
            throws Exception {
        keyguard =
                Keyguard.start(
                        KeyguardConfig.builder()
                                .dataSource(database)
                                .metricsGlobal(false)
                                .throttleMaxFailures(1)
                                .eventsPollInterval(Duration.ofHours(1))
                                .build());
        new KeyguardMetrics(keyguard).bindTo(registry);
        deployment = deploy(new ApiKeyFilter(keyguard), Map.of());
        assertThat(send("/api/whoami", UNKNOWN_KEY, null).statusCode()).isEqualTo(401);
        assertThat(registry.get(MeterBinding.THROTTLE_BLOCKED).gauge().value()).isEqualTo(1);

        deployment.stop();
        deployment = null;
        assertThat(registry.get(MeterBinding.THROTTLE_BLOCKED).gauge().value()).isZero();
        assertThat(registry.get(MeterBinding.THROTTLE_BLOCKS).functionCounter().count())
                .as("what happened stays counted")
                .isEqualTo(1);

        keyguard.close();
        assertThat(registry.getMeters()).isEmpty();
    }

    private void assertNoTagNamesAKeyAnOrganisationOrAnAddress(CreatedApiKey... keys) {
        List<String> forbidden = new ArrayList<>(List.of("org-1", "127.0.0.1", OTHER_ADDRESS));
        forbidden.add(UNKNOWN_KEY);
        for (CreatedApiKey key : keys) {
            forbidden.add(key.rawKey());
            forbidden.add(KeyHash.sha256Hex(key.rawKey()));
            forbidden.add(key.key().id());
            forbidden.add(key.key().keyPrefix());
        }
        List<String> tagValues = new ArrayList<>();
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                tagValues.add(tag.getValue());
            }
        }
        assertThat(tagValues).isNotEmpty();
        for (String value : tagValues) {
            assertThat(forbidden).as("tag value %s", value).noneMatch(value::contains);
        }
    }

    private FunctionTimer lookup(String result) {
        return registry.get(MeterBinding.STORE_LOOKUP).tag("result", result).functionTimer();
    }

    private CreatedApiKey key(Scopes scopes, IpAllowlist allowedIps) {
        return keyguard.service()
                .create(Caller.operator(ALICE), new NewKey("restricted", null, scopes, allowedIps));
    }

    private HttpResponse<String> send(String path, String key, String address)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(deployment.uri(path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (address != null) {
            request.header("X-Forwarded-For", address);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
