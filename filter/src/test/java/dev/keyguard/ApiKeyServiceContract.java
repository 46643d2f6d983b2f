package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.KeyguardException.Reason;
import dev.keyguard.spi.KeyStore;
import dev.keyguard.testing.KeyguardOnDatabase;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The key lifecycle below the HTTP layer, written once and run on every database and store by the
 * subclasses; a host runs it on its own store with a subclass whose {@link #database()} is {@link
 * dev.keyguard.testing.TestDatabase#ofStore}. Tests share one database per class and keep apart by
 * using a fresh organisation each.
 */
public abstract class ApiKeyServiceContract extends KeyguardOnDatabase {

    private final MutableClock clock =
            new MutableClock(Instant.parse("2026-05-01T08:00:00.123456Z"));
    private ApiKeyService service;
    private KeyOwner alice;
    private KeyOwner bob;

    @Override
    protected KeyguardConfig.Builder configure(KeyguardConfig.Builder builder) {
        return builder.clock(clock);
    }

    @BeforeAll
    void startService() {
        service = keyguard() == null ? null : keyguard().service();
    }

    @BeforeEach
    void freshOrganisations() {
        alice = owner("acme-" + UUID.randomUUID(), "Alice");
        bob = owner("globex-" + UUID.randomUUID(), "Bob");
    }

    private static KeyOwner owner(String organisationId, String firstName) {
        return new KeyOwner(
                organisationId,
                new KeyUser(
                        "user-" + firstName,
                        firstName,
                        "Smith",
                        firstName.toLowerCase() + "@example.com"));
    }

    @Test
    void createdKeyIsPrefixedHexAndItsDisplayPrefixIsThirteenCharacters() {
        CreatedApiKey created = service.create(alice, "My Automation Script", null);

        assertThat(created.rawKey()).matches("ll_[0-9a-f]{64}");
        ApiKey key = created.key();
        assertThat(key.keyPrefix()).hasSize(13).isEqualTo(created.rawKey().substring(0, 13));
        assertThat(key.name()).isEqualTo("My Automation Script");
        assertThat(key.id()).matches("[A-Za-z0-9_-]{1,32}");
        assertThat(key.createdAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        assertThat(key.expiresAt()).isNull();
        assertThat(key.lastUsedAt()).isNull();
        assertThat(key.owner()).isEqualTo(alice);
        assertThat(created.toString()).doesNotContain(created.rawKey());
    }

    @Test
    void listedKeyRoundTripsEveryFieldThroughTheDatabase() {
        ApiKey created = service.create(alice, "  Deploy bot  ", "2027-01-01T12:00:00+02:00").key();

        assertThat(service.list(alice.organisationId())).containsExactly(created);
        assertThat(created.name()).isEqualTo("Deploy bot");
        assertThat(created.expiresAt()).isEqualTo(Instant.parse("2027-01-01T10:00:00Z"));
    }

    @Test
    void nameThatIsMissingOrBlankBecomesTheDefault() {
        assertThat(service.create(alice, null, null).key().name()).isEqualTo("API Key");
        assertThat(service.create(alice, " \t ", null).key().name()).isEqualTo("API Key");
    }

    @Test
    void aHundredEmojiAreAValidNameButAHundredAndOneAreNot() {
        String hundred = "🔑".repeat(100);

        assertThat(service.list(alice.organisationId())).isEmpty();
        assertThat(service.create(alice, hundred, null).key().name()).isEqualTo(hundred);
        assertThat(service.list(alice.organisationId()).get(0).name()).isEqualTo(hundred);
        assertThatThrownBy(() -> service.create(alice, hundred + "🔑", null))
                .isInstanceOf(KeyguardException.class)
                .extracting(e -> ((KeyguardException) e).reason())
                .isEqualTo(Reason.VALIDATION_ERROR);
    }

    @Test
    void dateOnlyExpiryMeansMidnightUtc() {
        ApiKey key = service.create(alice, "n", "2027-01-01").key();

        assertThat(key.expiresAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void expiryInThePastIsRefusedAndNothingIsStored() {
        assertReason(() -> service.create(alice, "n", "2020-01-01"), Reason.VALIDATION_ERROR);
        assertReason(() -> service.create(alice, "n", "tomorrow"), Reason.VALIDATION_ERROR);

        assertThat(service.list(alice.organisationId())).isEmpty();
    }

    @Test
    void listIsNewestFirstAndLeavesOutRevokedButKeepsExpiredKeys() {
        ApiKey expiring =
                service.create(
                                alice,
                                "expiring",
                                clock.instant().plus(Duration.ofHours(1)).toString())
                        .key();
        clock.advance(Duration.ofSeconds(1));
        ApiKey revoked = service.create(alice, "revoked", null).key();
        clock.advance(Duration.ofSeconds(1));
        ApiKey newest = service.create(alice, "newest", null).key();
        service.revoke(alice.organisationId(), revoked.id());
        clock.advance(Duration.ofHours(2));

        assertThat(service.list(alice.organisationId()))
                .extracting(ApiKey::id)
                .containsExactly(newest.id(), expiring.id());
    }

    @Test
    void anOrganisationNeverSeesAnotherOrganisationsKeys() {
        service.create(alice, "alice's", null);
        ApiKey bobs = service.create(bob, "bob's", null).key();

        assertThat(service.list(alice.organisationId()))
                .extracting(ApiKey::name)
                .containsExactly("alice's");
        assertReason(() -> service.revoke(alice.organisationId(), bobs.id()), Reason.NOT_FOUND);
        assertThat(service.list(bob.organisationId())).containsExactly(bobs);
    }

    @Test
    void revokedKeyNoLongerVerifiesAndCannotBeRevokedAgain() {
        CreatedApiKey created = service.create(alice, "n", null);
        assertThat(keyguard().verify(created.rawKey()))
                .map(KeyguardPrincipal::keyId)
                .contains(created.key().id());

        service.revoke(alice.organisationId(), created.key().id());

        assertThat(keyguard().verify(created.rawKey())).isEmpty();
        assertReason(
                () -> service.revoke(alice.organisationId(), created.key().id()), Reason.NOT_FOUND);
    }

    @Test
    void unknownIdsOfEveryShapeAreNotFound() {
        for (String id :
                List.of(
                        "",
                        "key_nope",
                        "x".repeat(33),
                        "' OR 1=1 --",
                        "../..",
                        "🔑",
                        "a/b",
                        "a\\b",
                        "a\u0000b",
                        "key_\u0000")) {
            assertReason(() -> service.revoke(alice.organisationId(), id), Reason.NOT_FOUND);
        }
    }

    @Test
    void keyStopsVerifyingTheMomentItExpires() {
        Instant expiry = clock.instant().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
        CreatedApiKey created = service.create(alice, "n", expiry.toString());

        clock.set(expiry.minusMillis(1));
        assertThat(keyguard().verify(created.rawKey())).isPresent();
        clock.set(expiry);
        assertThat(keyguard().verify(created.rawKey())).isEmpty();
    }

    @Test
    void unknownKeyDoesNotVerify() {
        assertThat(keyguard().verify(TestKeys.unminted())).isEmpty();
    }

    @Test
    void keyWithAWrongChecksumDoesNotVerify() {
        String created = service.create(alice, "n", null).rawKey();
        String lastChanged =
                created.substring(0, created.length() - 1) + (created.endsWith("0") ? "1" : "0");

        assertThat(keyguard().verify(lastChanged)).isEmpty();
        assertThat(keyguard().verify("ll_" + "0".repeat(64))).isEmpty();
    }

    @Test
    void eleventhActiveKeyIsRefused() {
        for (int i = 0; i < ApiKeyService.MAX_ACTIVE_KEYS; i++) {
            service.create(alice, "key " + i, null);
        }

        assertReason(() -> service.create(alice, "one too many", null), Reason.KEY_LIMIT_REACHED);
        assertThat(service.list(alice.organisationId())).hasSize(ApiKeyService.MAX_ACTIVE_KEYS);
        service.create(bob, "another organisation is not affected", null);
    }

    @Test
    void revokedAndExpiredKeysFreeTheirPlaceUnderTheLimit() {
        List<ApiKey> keys = new ArrayList<>();
        for (int i = 0; i < ApiKeyService.MAX_ACTIVE_KEYS - 1; i++) {
            keys.add(service.create(alice, "key " + i, null).key());
        }
        service.create(alice, "short-lived", clock.instant().plusSeconds(60).toString());
        service.revoke(alice.organisationId(), keys.get(0).id());
        service.create(alice, "takes the revoked key's place", null);
        assertReason(() -> service.create(alice, "full", null), Reason.KEY_LIMIT_REACHED);

        clock.advance(Duration.ofSeconds(61));

        service.create(alice, "takes the expired key's place", null);
    }

    @Test
    void twentyConcurrentCreatesLeaveExactlyTenActiveKeys() throws Exception {
        int accepted = race(20, List.of(service), alice);

        assertThat(accepted).isEqualTo(ApiKeyService.MAX_ACTIVE_KEYS);
        assertThat(service.list(alice.organisationId())).hasSize(ApiKeyService.MAX_ACTIVE_KEYS);
    }

    @Test
    void twoNodesRacingOnOneDatabaseStillStopAtTen() throws Exception {
        try (Keyguard otherNode = Keyguard.start(testDatabase().config().clock(clock).build())) {
            int accepted = race(20, List.of(service, otherNode.service()), alice);

            assertThat(accepted).isEqualTo(ApiKeyService.MAX_ACTIVE_KEYS);
            assertThat(otherNode.service().list(alice.organisationId()))
                    .hasSize(ApiKeyService.MAX_ACTIVE_KEYS);
        }
    }

    /**
     * Starts {@code threads} creates at once, spread over the nodes; returns how many succeeded.
     */
    private static int race(int threads, List<ApiKeyService> nodes, KeyOwner owner)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                ApiKeyService node = nodes.get(i % nodes.size());
                Callable<Boolean> create =
                        () -> {
                            start.await();
                            try {
                                node.create(owner, "racer", null);
                                return true;
                            } catch (KeyguardException e) {
                                assertThat(e.reason()).isEqualTo(Reason.KEY_LIMIT_REACHED);
                                return false;
                            }
                        };
                results.add(pool.submit(create));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Boolean> result : results) {
                accepted += result.get() ? 1 : 0;
            }
            return accepted;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void lastUseIsRecordedInOneBatchAndNeverMovesBackwards() {
        ApiKey first = service.create(alice, "first", null).key();
        ApiKey second = service.create(alice, "second", null).key();
        Instant later = Instant.parse("2026-05-04T10:23:00.000Z");
        Instant earlier = later.minusSeconds(60);

        KeyStore store = KeyguardInternals.of(keyguard()).store();
        store.recordLastUsed(Map.of(first.id(), later, second.id(), earlier));
        store.recordLastUsed(Map.of(first.id(), earlier, "key_unknown", later));

        assertThat(service.list(alice.organisationId()))
                .extracting(ApiKey::name, ApiKey::lastUsedAt)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("first", later),
                        org.assertj.core.groups.Tuple.tuple("second", earlier));
    }

    /**
     * What every store must keep: a key's scopes and addresses through insert, list, the {@code
     * lastUsedAt} batch, rotation (both keys) and a look-up by hash. A store that rebuilds keys
     * with {@code ApiKey}'s old constructor would make restricted keys unrestricted.
     */
    @Test
    void restrictionsSurviveEveryStoreOperation() {
        Scopes scopes = Scopes.of(Scopes.KEYS_MANAGE);
        IpAllowlist blocks = IpAllowlist.of("10.0.0.0/8", "2001:db8::/32");
        CreatedApiKey created =
                service.create(
                        Caller.operator(alice), new NewKey("restricted", null, scopes, blocks));
        CreatedApiKey none =
                service.create(
                        Caller.operator(alice), new NewKey("no scope", null, Scopes.of(), null));
        KeyguardInternals.of(keyguard())
                .store()
                .recordLastUsed(Map.of(created.key().id(), clock.instant()));

        ApiKey listed = byName(service.list(alice.organisationId()), "restricted");
        RotatedApiKey rotated =
                service.rotate(
                        Caller.operator(alice),
                        listed.id(),
                        Rotation.withGrace(Duration.ofHours(1)));
        ApiKey retiring = byName(service.list(alice.organisationId()), "restricted", listed.id());
        KeyguardPrincipal caller = keyguard().verify(rotated.replacement().rawKey()).orElseThrow();

        for (ApiKey key :
                List.of(listed, retiring, rotated.replacement().key(), rotated.retiring())) {
            assertThat(key.scopes()).as(key.id()).isEqualTo(scopes);
            assertThat(key.allowedIps()).as(key.id()).isEqualTo(blocks);
        }
        assertThat(listed.lastUsedAt()).isNotNull();
        assertThat(caller.scopes()).isEqualTo(scopes);
        assertThat(caller.allowedIps()).isEqualTo(blocks);
        assertThat(byName(service.list(alice.organisationId()), "no scope").scopes())
                .isEqualTo(Scopes.of());
        assertThat(keyguard().verify(none.rawKey()).orElseThrow().hasScope(Scopes.KEYS_MANAGE))
                .isFalse();
    }

    private static ApiKey byName(List<ApiKey> keys, String name) {
        return keys.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    private static ApiKey byName(List<ApiKey> keys, String name, String id) {
        return keys.stream()
                .filter(k -> k.name().equals(name) && k.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void hostOrganisationIdsAndUsersAreValidated() {
        KeyOwner blank = new KeyOwner(" ", alice.user());
        KeyOwner tooLong = new KeyOwner("o".repeat(256), alice.user());
        KeyOwner controlInEmail =
                new KeyOwner(alice.organisationId(), new KeyUser("u", "A", "B", "a@example.com\n"));

        for (KeyOwner owner : List.of(blank, tooLong, controlInEmail)) {
            assertReason(() -> service.create(owner, "n", null), Reason.VALIDATION_ERROR);
        }
    }

    static void assertReason(Runnable call, Reason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        KeyguardException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
