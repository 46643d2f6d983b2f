package dev.keyguard.internal.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.keyguard.ApiKey;
import dev.keyguard.ApiKeyService;
import dev.keyguard.Caller;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardException;
import dev.keyguard.KeyguardException.Reason;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.NewKey;
import dev.keyguard.Rotation;
import dev.keyguard.Scopes;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.TestDatabase;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * No sequence of creates and rotations through {@link ApiKeyService} by a restricted key, and by
 * the keys it mints in turn (each used as the next caller through {@code
 * Caller.of(KeyguardPrincipal.of(key))}, with its stored rights as the filter would read them),
 * ever yields a key with a scope the root key lacks, a later expiry than the root's (or none when
 * the root's expires), or an address outside the root's allowed addresses; nor one beyond its own
 * caller's. The requests are random: scopes from the declared vocabulary (sometimes an undeclared
 * one), unrestricted or kept, expiries before and after the callers', CIDR lists that overlap, nest
 * and miss each other, anywhere or kept. Each answer is also held against a model written here,
 * apart from the core's {@code covers}: a refusal has the reason the model gives, a request the
 * model allows succeeds (or meets the key limit), and a refusal stores nothing.
 */
class NoEscalationPropertiesTest {

    private static final List<String> DECLARED =
            List.of("leads:read", "leads:write", "reports:read", "billing:admin");
    private static final List<String> ALL_SCOPES =
            List.of("keys:manage", "leads:read", "leads:write", "reports:read", "billing:admin");

    private static final MutableClock CLOCK =
            new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
    private static Keyguard keyguard;
    private static ApiKeyService service;

    @BeforeContainer
    static void start() {
        keyguard =
                Keyguard.start(
                        TestDatabase.inMemoryStore()
                                .config()
                                .clock(CLOCK)
                                .scopes(DECLARED)
                                .build());
        service = keyguard.service();
    }

    @AfterContainer
    static void stop() {
        keyguard.close();
    }

    /** The root key's rights, and the steps taken from it. */
    record Plan(Scopes rootScopes, IpAllowlist rootIps, Long rootLifetimeHours, List<Step> steps) {}

    /**
     * One create ({@code target} ignored) or rotation, by the {@code caller}-th key still usable
     * (modulo their number), after the clock moved {@code minutesLater}. The request is the random
     * one in {@code parts} or, when {@code narrow}, one derived with {@code seed} from the caller's
     * own rights (see {@link #narrowed}), so that chains of keys grow deep.
     */
    record Step(Parts parts, boolean narrow, long seed) {}

    /**
     * The random parts of a step: {@code expiresInMinutes} is relative to the step's time; {@code
     * null} fields are left out of the request.
     */
    record Parts(
            boolean rotate,
            int caller,
            int target,
            long minutesLater,
            Long expiresInMinutes,
            Scopes scopes,
            IpAllowlist allowedIps,
            Long graceSeconds) {}

    /** A request as sent: {@code null} parts are left out. */
    record Request(Instant expiresAt, Scopes scopes, IpAllowlist allowedIps) {}

    @Property(tries = 1_000, edgeCases = EdgeCasesMode.NONE)
    void noChainOfCreatesAndRotationsEverExceedsTheRootsRights(@ForAll("plans") Plan plan) {
        KeyOwner owner =
                new KeyOwner("org-" + UUID.randomUUID(), new KeyUser("u", "Root", "Holder", null));
        Instant now = CLOCK.instant();
        String rootExpiry =
                plan.rootLifetimeHours() == null
                        ? null
                        : now.plus(Duration.ofHours(plan.rootLifetimeHours())).toString();
        ApiKey root =
                service.create(
                                Caller.operator(owner),
                                new NewKey("root", rootExpiry, plan.rootScopes(), plan.rootIps()))
                        .key();
        List<String> minted = new ArrayList<>(List.of(root.id()));
        Set<String> rotated = new HashSet<>();
        Map<String, Integer> depth = new HashMap<>(Map.of(root.id(), 0));
        int deepest = 0;

        for (Step planned : plan.steps()) {
            Parts step = planned.parts();
            CLOCK.advance(Duration.ofMinutes(step.minutesLater()));
            now = CLOCK.instant();
            List<ApiKey> stored = service.list(owner.organisationId());
            Instant at = now;
            List<ApiKey> usable = stored.stream().filter(k -> !k.isExpiredAt(at)).toList();
            if (usable.isEmpty()) {
                Statistics.label("step").collect("no usable key left");
                break;
            }
            // A narrowed request comes from one of the newest keys that may manage keys, so
            // that chains grow deep; a random one from any key still usable.
            List<ApiKey> managers =
                    usable.stream().filter(k -> contains(k.scopes(), Scopes.KEYS_MANAGE)).toList();
            ApiKey callerKey =
                    planned.narrow() && !managers.isEmpty()
                            ? managers.get(
                                    Math.floorMod(step.caller(), Math.min(3, managers.size())))
                            : usable.get(Math.floorMod(step.caller(), usable.size()));
            ApiKey target = byId(stored, minted.get(Math.floorMod(step.target(), minted.size())));
            Caller caller = Caller.of(KeyguardPrincipal.of(callerKey));
            Request request =
                    planned.narrow()
                            ? narrowed(step, planned.seed(), callerKey, now)
                            : random(step, now);
            String expiresAt = request.expiresAt() == null ? null : request.expiresAt().toString();
            Expected expected = expect(step.rotate(), request, callerKey, target, rotated, now);
            try {
                ApiKey made;
                if (step.rotate()) {
                    made =
                            service.rotate(
                                            caller,
                                            target.id(),
                                            new Rotation(
                                                    step.graceSeconds() == null
                                                            ? null
                                                            : Duration.ofSeconds(
                                                                    step.graceSeconds()),
                                                    null,
                                                    expiresAt,
                                                    request.scopes(),
                                                    request.allowedIps()))
                                    .replacement()
                                    .key();
                    rotated.add(target.id());
                } else {
                    made =
                            service.create(
                                            caller,
                                            new NewKey(
                                                    null,
                                                    expiresAt,
                                                    request.scopes(),
                                                    request.allowedIps()))
                                    .key();
                }
                Statistics.label("step").collect(step.rotate() ? "rotated" : "created");
                depth.put(made.id(), depth.get(callerKey.id()) + 1);
                deepest = Math.max(deepest, depth.get(made.id()));
                assertThat(expected.success())
                        .as("the model refuses this (%s), the service did not", expected)
                        .isTrue();
                assertWithin(root, made, "the root key");
                assertWithin(callerKey, made, "its caller");
                ApiKey storedMade = byId(service.list(owner.organisationId()), made.id());
                assertThat(storedMade.scopes()).isEqualTo(made.scopes());
                assertThat(storedMade.allowedIps()).isEqualTo(made.allowedIps());
                assertThat(storedMade.expiresAt()).isEqualTo(made.expiresAt());
                minted.add(made.id());
            } catch (KeyguardException e) {
                Statistics.label("step").collect("refused " + e.reason());
                if (e.reason() == Reason.KEY_LIMIT_REACHED) {
                    assertThat(expected.success() || expected.limitFirst())
                            .as("limit reached where the model says %s", expected)
                            .isTrue();
                    assertThat(usable.size())
                            .as("active keys at the limit")
                            .isGreaterThanOrEqualTo(ApiKeyService.MAX_ACTIVE_KEYS);
                } else {
                    assertThat(e.reason()).as(expected.toString()).isEqualTo(expected.refusal());
                }
                List<ApiKey> after = service.list(owner.organisationId());
                assertThat(after).as("a refusal stores nothing").hasSameSizeAs(stored);
                assertThat(byId(after, target.id()).expiresAt())
                        .as("a refused rotation leaves the key as it was")
                        .isEqualTo(target.expiresAt());
            }
        }
        Statistics.label("deepest key made").collect(deepest >= 5 ? "5+" : "" + deepest);
    }

    // ---------------------------------------------------------------- the model

    /**
     * What the service should answer: success, or the reason of its refusal; {@code limitFirst}
     * when the key limit is checked before the refusal (a rotation's rights are checked after it).
     */
    record Expected(boolean success, Reason refusal, boolean limitFirst) {
        static Expected ok() {
            return new Expected(true, null, false);
        }

        static Expected refused(Reason reason) {
            return new Expected(false, reason, false);
        }
    }

    private static Expected expect(
            boolean rotate,
            Request request,
            ApiKey callerKey,
            ApiKey target,
            Set<String> rotated,
            Instant now) {
        if (!contains(callerKey.scopes(), "keys:manage")) {
            return Expected.refused(Reason.INSUFFICIENT_SCOPE);
        }
        Instant expiry = request.expiresAt();
        if (expiry != null && !expiry.isAfter(now)) {
            return Expected.refused(Reason.VALIDATION_ERROR);
        }
        Scopes asked = request.scopes();
        if (asked != null && !asked.isUnrestricted() && !ALL_SCOPES.containsAll(asked.names())) {
            return Expected.refused(Reason.VALIDATION_ERROR);
        }
        Scopes scopes;
        IpAllowlist allowedIps;
        if (rotate) {
            if (rotated.contains(target.id()) || target.isExpiredAt(now)) {
                return Expected.refused(Reason.NOT_ROTATABLE);
            }
            // The key rotated must lie within the caller's rights as well.
            if (!(scopesWithin(callerKey.scopes(), target.scopes())
                    && expiryWithin(callerKey.expiresAt(), target.expiresAt())
                    && blocksWithin(callerKey.allowedIps(), target.allowedIps()))) {
                return new Expected(false, Reason.RIGHTS_EXCEEDED, true);
            }
            scopes = asked != null ? asked : target.scopes();
            allowedIps = request.allowedIps() != null ? request.allowedIps() : target.allowedIps();
            if (expiry == null && target.expiresAt() != null) {
                expiry = now.plus(Duration.between(target.createdAt(), target.expiresAt()));
            }
        } else {
            scopes = asked != null ? asked : Scopes.unrestricted();
            allowedIps =
                    request.allowedIps() != null ? request.allowedIps() : IpAllowlist.anywhere();
        }
        boolean within =
                scopesWithin(callerKey.scopes(), scopes)
                        && expiryWithin(callerKey.expiresAt(), expiry)
                        && blocksWithin(callerKey.allowedIps(), allowedIps);
        return within ? Expected.ok() : new Expected(false, Reason.RIGHTS_EXCEEDED, rotate);
    }

    // ---------------------------------------------------------------- requests

    private static Request random(Parts step, Instant now) {
        return new Request(
                step.expiresInMinutes() == null
                        ? null
                        : now.plus(Duration.ofMinutes(step.expiresInMinutes())),
                step.scopes(),
                step.allowedIps());
    }

    /**
     * Within the caller's rights, mostly: some of its scopes (keys:manage kept three times in
     * four), an expiry before its own, blocks inside its blocks; each part left out one time in ten
     * (for a rotation: kept from the old key) and widened one time in twenty.
     */
    private static Request narrowed(Parts step, long seed, ApiKey caller, Instant now) {
        Random random = new Random(seed);
        Scopes scopes;
        if (random.nextInt(10) == 0) {
            scopes = null;
        } else if (random.nextInt(20) == 0) {
            scopes = Scopes.unrestricted();
        } else {
            List<String> from =
                    caller.scopes().isUnrestricted() ? ALL_SCOPES : caller.scopes().names();
            List<String> names = new ArrayList<>();
            for (String name : from) {
                if (name.equals(Scopes.KEYS_MANAGE)
                        ? random.nextInt(4) > 0
                        : random.nextBoolean()) {
                    names.add(name);
                }
            }
            if (random.nextInt(20) == 0) {
                names.add(ALL_SCOPES.get(random.nextInt(ALL_SCOPES.size())));
            }
            scopes = Scopes.of(names);
        }
        Instant expiry;
        if (random.nextInt(10) == 0) {
            expiry = null;
        } else if (caller.expiresAt() == null || random.nextInt(20) == 0) {
            expiry = now.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 400)));
        } else {
            long seconds = Duration.between(now, caller.expiresAt()).toSeconds();
            expiry = now.plusSeconds(1 + (long) (random.nextDouble() * Math.max(0, seconds - 1)));
        }
        IpAllowlist allowedIps;
        if (random.nextInt(10) == 0) {
            allowedIps = null;
        } else if (caller.allowedIps().isAnywhere() || random.nextInt(20) == 0) {
            allowedIps =
                    random.nextInt(4) == 0 || step.allowedIps() == null
                            ? IpAllowlist.anywhere()
                            : step.allowedIps();
        } else {
            List<String> blocks = caller.allowedIps().blocks();
            List<String> inner = new ArrayList<>();
            for (int i = random.nextInt(3); i >= 0; i--) {
                inner.add(Range.of(blocks.get(random.nextInt(blocks.size()))).inside(random));
            }
            allowedIps = IpAllowlist.of(inner);
        }
        return new Request(expiry, scopes, allowedIps);
    }

    private static void assertWithin(ApiKey outer, ApiKey made, String whose) {
        assertThat(scopesWithin(outer.scopes(), made.scopes()))
                .as("%s within the scopes of %s %s", made.scopes(), whose, outer.scopes())
                .isTrue();
        assertThat(expiryWithin(outer.expiresAt(), made.expiresAt()))
                .as("expiry %s within that of %s, %s", made.expiresAt(), whose, outer.expiresAt())
                .isTrue();
        assertThat(blocksWithin(outer.allowedIps(), made.allowedIps()))
                .as("addresses within those of %s", whose)
                .isTrue();
        if (!made.allowedIps().isAnywhere()) {
            // The filter's own test agrees: both ends of every block are let in by the outer list.
            for (String block : made.allowedIps().blocks()) {
                Range range = Range.of(block);
                assertThat(outer.allowedIps().allows(range.format(range.first())))
                        .as(block)
                        .isTrue();
                assertThat(outer.allowedIps().allows(range.format(range.last())))
                        .as(block)
                        .isTrue();
            }
        } else {
            assertThat(outer.allowedIps().isAnywhere()).as("anywhere within " + whose).isTrue();
        }
    }

    private static boolean contains(Scopes scopes, String scope) {
        return scopes.isUnrestricted() || scopes.names().contains(scope);
    }

    private static boolean scopesWithin(Scopes outer, Scopes inner) {
        if (outer.isUnrestricted()) {
            return true;
        }
        return !inner.isUnrestricted() && Set.copyOf(outer.names()).containsAll(inner.names());
    }

    private static boolean expiryWithin(Instant outer, Instant inner) {
        return outer == null || (inner != null && !inner.isAfter(outer));
    }

    /** Each inner block lies in one outer block: by address ranges, not by the core's covers. */
    private static boolean blocksWithin(IpAllowlist outer, IpAllowlist inner) {
        if (outer.isAnywhere()) {
            return true;
        }
        if (inner.isAnywhere()) {
            return false;
        }
        List<Range> outers = outer.blocks().stream().map(Range::of).toList();
        return inner.blocks().stream()
                .map(Range::of)
                .allMatch(in -> outers.stream().anyMatch(out -> out.holds(in)));
    }

    /** A CIDR block as the range of addresses it holds. */
    record Range(int bytes, BigInteger first, BigInteger last) {
        static Range of(String block) {
            String[] parts = block.split("/");
            byte[] address = literal(parts[0]);
            int hostBits = address.length * 8 - Integer.parseInt(parts[1]);
            BigInteger first = new BigInteger(1, address);
            return new Range(
                    address.length,
                    first,
                    first.add(BigInteger.ONE.shiftLeft(hostBits)).subtract(BigInteger.ONE));
        }

        /** A random block inside this one: the same or a longer prefix, any network in it. */
        String inside(Random random) {
            int bits = bytes * 8;
            int hostBits = last.subtract(first).bitLength();
            int longer = bits - hostBits + random.nextInt(hostBits + 1);
            BigInteger address = first.add(new BigInteger(hostBits, random));
            BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - longer).subtract(BigInteger.ONE);
            return format(address.andNot(hostMask)) + "/" + longer;
        }

        boolean holds(Range other) {
            return bytes == other.bytes
                    && first.compareTo(other.first) <= 0
                    && last.compareTo(other.last) >= 0;
        }

        String format(BigInteger value) {
            byte[] raw = value.toByteArray();
            byte[] address = new byte[bytes];
            int copy = Math.min(raw.length, bytes);
            System.arraycopy(raw, raw.length - copy, address, bytes - copy, copy);
            try {
                return InetAddress.getByAddress(address).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] literal(String text) {
            try {
                // Canonical literals only (the core's own output): no name is resolved.
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                return fail("not an address literal: " + text);
            }
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Plan> plans() {
        Arbitrary<Scopes> rootScopes =
                Arbitraries.frequencyOf(
                        Tuple.of(8, scopeSets().map(NoEscalationPropertiesTest::withKeysManage)),
                        Tuple.of(1, scopeSets()),
                        Tuple.of(1, Arbitraries.just(Scopes.unrestricted())));
        Arbitrary<IpAllowlist> rootIps =
                Arbitraries.frequencyOf(
                        Tuple.of(5, blockLists()),
                        Tuple.of(1, Arbitraries.just(IpAllowlist.anywhere())));
        Arbitrary<Long> rootLifetime = Arbitraries.longs().between(24, 24 * 400).injectNull(0.2);
        return Combinators.combine(
                        rootScopes,
                        rootIps,
                        rootLifetime,
                        steps().list().ofMinSize(1).ofMaxSize(16))
                .as(Plan::new);
    }

    private Arbitrary<Step> steps() {
        Arbitrary<Long> expiresIn =
                Arbitraries.frequencyOf(
                                Tuple.of(6, Arbitraries.longs().between(1, 60L * 24 * 400)),
                                Tuple.of(1, Arbitraries.longs().between(-60L * 24, 0)))
                        .injectNull(0.25);
        Arbitrary<Scopes> scopes =
                Arbitraries.frequencyOf(
                                Tuple.of(6, scopeSets()),
                                Tuple.of(1, Arbitraries.just(Scopes.unrestricted())),
                                Tuple.of(1, scopeSets().map(s -> withName(s, "leads:delete"))))
                        .injectNull(0.25);
        Arbitrary<IpAllowlist> blocks =
                Arbitraries.frequencyOf(
                                Tuple.of(6, blockLists()),
                                Tuple.of(1, Arbitraries.just(IpAllowlist.anywhere())))
                        .injectNull(0.25);
        Arbitrary<Parts> parts =
                Combinators.combine(
                                Arbitraries.of(true, false),
                                Arbitraries.integers().between(0, 20),
                                Arbitraries.integers().between(0, 20),
                                Arbitraries.frequencyOf(
                                        Tuple.of(4, Arbitraries.longs().between(0, 120)),
                                        Tuple.of(1, Arbitraries.longs().between(0, 60L * 24 * 3))),
                                expiresIn,
                                scopes,
                                blocks,
                                Arbitraries.of(0L, 60L, 86_400L).injectNull(0.3))
                        .as(Parts::new);
        return Combinators.combine(
                        parts,
                        Arbitraries.frequency(Tuple.of(1, false), Tuple.of(3, true)),
                        Arbitraries.longs())
                .as(Step::new);
    }

    private Arbitrary<Scopes> scopeSets() {
        return Arbitraries.subsetOf(ALL_SCOPES).map(Scopes::of);
    }

    private static Scopes withKeysManage(Scopes scopes) {
        return withName(scopes, Scopes.KEYS_MANAGE);
    }

    private static Scopes withName(Scopes scopes, String name) {
        List<String> names = new ArrayList<>(scopes.names());
        names.add(name);
        return Scopes.of(names);
    }

    /**
     * One to four blocks from a small space, so that they often nest, overlap and repeat: IPv4 in
     * 10/8 and 192.0.2/24 (sometimes written IPv4-mapped), IPv6 in 2001:db8::/32, and the whole of
     * either family.
     */
    private Arbitrary<IpAllowlist> blockLists() {
        return block().list().ofMinSize(1).ofMaxSize(4).map(IpAllowlist::of);
    }

    private Arbitrary<String> block() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 3);
        Arbitrary<String> ipv4 =
                Combinators.combine(
                                Arbitraries.of(10, 192),
                                small,
                                small,
                                small,
                                Arbitraries.of(0, 8, 16, 24, 26, 30, 32),
                                Arbitraries.of(false, false, false, true))
                        .as(
                                (a, b, c, d, prefix, mapped) -> {
                                    byte[] address =
                                            a == 192
                                                    ? new byte[] {
                                                        (byte) 192,
                                                        0,
                                                        2,
                                                        (byte) (b * 64 + c * 4 + d)
                                                    }
                                                    : new byte[] {
                                                        10,
                                                        b.byteValue(),
                                                        c.byteValue(),
                                                        d.byteValue()
                                                    };
                                    String network = masked(address, prefix);
                                    return mapped
                                            ? "::ffff:" + network + "/" + (96 + prefix)
                                            : network + "/" + prefix;
                                });
        Arbitrary<String> ipv6 =
                Combinators.combine(
                                small, small, small, Arbitraries.of(0, 32, 33, 48, 64, 126, 128))
                        .as(
                                (b, c, d, prefix) -> {
                                    byte[] address = new byte[16];
                                    address[0] = 0x20;
                                    address[1] = 0x01;
                                    address[2] = 0x0d;
                                    address[3] = (byte) 0xb8;
                                    address[5] = b.byteValue();
                                    address[7] = c.byteValue();
                                    address[15] = d.byteValue();
                                    return masked(address, prefix) + "/" + prefix;
                                });
        return Arbitraries.oneOf(ipv4, ipv6);
    }

    /** The network address of {@code address} under {@code prefix}, as a literal. */
    private static String masked(byte[] address, int prefix) {
        byte[] network = address.clone();
        for (int i = 0; i < network.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - 8 * i));
            network[i] &= (byte) ((0xff << (8 - bits)) & 0xff);
        }
        try {
            return InetAddress.getByAddress(network).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiKey byId(List<ApiKey> keys, String id) {
        return keys.stream()
                .filter(k -> k.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no key " + id));
    }
}
