package dev.keyguard.bench;

import dev.keyguard.Caller;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.NewKey;
import dev.keyguard.Scopes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a restricted key adds to a cache hit (issue 14): the checks the filter makes after {@code
 * verify} for a key that is valid, i.e. whether the client's address ({@code getRemoteAddr()}, a
 * string) is in the key's allowed blocks and whether the key has the scope the path needs. An
 * unrestricted key (anywhere, every scope) against a key with 5 scopes and 3 CIDR blocks, the
 * client in the last block that is tried; the address checks and the scope look-up alone beside
 * them. Run with {@code bench/run.sh jmh RestrictedKeyBenchmark} (see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RestrictedKeyBenchmark {

    static final List<String> SCOPES =
            List.of(
                    "leads:read",
                    "leads:write",
                    "reports:read",
                    "contacts:read",
                    "contacts:write",
                    "billing:read");
    static final String NEEDED = "contacts:write";
    static final String IPV4_CLIENT = "192.0.2.77";
    static final String IPV6_CLIENT = "2001:db8:4:5::77";

    private Keyguard keyguard;
    private String unrestrictedKey;
    private String ipv4Key;
    private String ipv6Key;
    private IpAllowlist ipv4Blocks;
    private IpAllowlist ipv6Blocks;
    private Scopes fiveScopes;

    @Setup(Level.Trial)
    public void start() {
        keyguard =
                Keyguard.start(
                        KeyguardConfig.builder()
                                .jdbc(
                                        "jdbc:h2:mem:bench-"
                                                + UUID.randomUUID()
                                                + ";DB_CLOSE_DELAY=-1",
                                        "sa",
                                        "")
                                .scopes(SCOPES)
                                .lastUsedFlushInterval(Duration.ofHours(1))
                                .eventsPollInterval(Duration.ofHours(1))
                                .build());
        Caller operator =
                Caller.operator(new KeyOwner("org-bench", new KeyUser("u", null, null, null)));
        fiveScopes = Scopes.of(SCOPES.subList(1, 6));
        ipv4Blocks = IpAllowlist.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.0/24");
        ipv6Blocks = IpAllowlist.of("10.0.0.0/8", "192.0.2.0/24", "2001:db8::/32");
        unrestrictedKey = create(operator, Scopes.unrestricted(), IpAllowlist.anywhere());
        ipv4Key = create(operator, fiveScopes, ipv4Blocks);
        ipv6Key = create(operator, fiveScopes, ipv6Blocks);
        if (!checkUnrestricted() || !checkRestrictedIpv4() || !checkRestrictedIpv6()) {
            throw new IllegalStateException("benchmark keys are not what they should be");
        }
    }

    private String create(Caller operator, Scopes scopes, IpAllowlist allowedIps) {
        return keyguard.service()
                .create(operator, new NewKey("bench", null, scopes, allowedIps))
                .rawKey();
    }

    @TearDown(Level.Trial)
    public void stop() {
        keyguard.close();
    }

    /** As the filter admits a valid key: its addresses, then the scope the path needs. */
    private static boolean admitted(KeyguardPrincipal principal, String remoteAddress) {
        return (principal.allowedIps().isAnywhere() || principal.allowedIps().allows(remoteAddress))
                && principal.hasScope(NEEDED);
    }

    /** A valid unrestricted key, cached: verify, then the same checks (nothing to compare). */
    @Benchmark
    public boolean checkUnrestricted() {
        return admitted(keyguard.verify(unrestrictedKey).orElseThrow(), IPV4_CLIENT);
    }

    /** A valid key with 5 scopes and 3 blocks, cached, from an IPv4 client in the third block. */
    @Benchmark
    public boolean checkRestrictedIpv4() {
        return admitted(keyguard.verify(ipv4Key).orElseThrow(), IPV4_CLIENT);
    }

    /** The same from an IPv6 client in the third block. */
    @Benchmark
    public boolean checkRestrictedIpv6() {
        return admitted(keyguard.verify(ipv6Key).orElseThrow(), IPV6_CLIENT);
    }

    /** The address check alone, IPv4 client: parse the address, try three blocks. */
    @Benchmark
    public boolean allowsIpv4Only() {
        return ipv4Blocks.allows(IPV4_CLIENT);
    }

    /** The address check alone, IPv6 client. */
    @Benchmark
    public boolean allowsIpv6Only() {
        return ipv6Blocks.allows(IPV6_CLIENT);
    }

    /** The scope look-up alone. */
    @Benchmark
    public boolean hasScopeOnly() {
        return fiveScopes.includes(NEEDED);
    }
}
