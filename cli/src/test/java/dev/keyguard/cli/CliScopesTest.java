package dev.keyguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.IpAllowlist;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.Scopes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code create-key --scopes --allowed-ips} with the packaged jar: the app's scopes come from its
 * parameter ({@code KEYGUARD_SCOPES}), as for the filter; an undeclared one is a usage error that
 * names the declared ones; the key works with exactly those rights, and the list shows them.
 */
class CliScopesTest {

    @TempDir Path work;

    @Test
    void createKeyGivesTheKeyTheScopesAndAddressesAsked() throws Exception {
        Path dataDir = work.resolve("keyguard-data");
        CliProcess cli =
                new CliProcess(work)
                        .env("KEYGUARD_DATA_DIR", dataDir.toString())
                        .env("KEYGUARD_SCOPES", "leads:read leads:write");

        String key =
                cli.run(
                                "create-key",
                                "--org",
                                "initech",
                                "--scopes",
                                "leads:read,keys:manage",
                                "--allowed-ips",
                                "10.0.0.0/8, 2001:DB8::/32")
                        .key();
        CliProcess.Run undeclared =
                cli.run("create-key", "--org", "initech", "--scopes", "leads:delete");
        CliProcess.Run badBlock =
                cli.run("create-key", "--org", "initech", "--allowed-ips", "10.1.2.3/8");
        CliProcess.Run list = cli.run("list", "--org", "initech", "--json").succeeded();

        assertThat(undeclared.exitCode()).isEqualTo(2);
        assertThat(undeclared.err())
                .contains("A scope is not one of this app's scopes")
                .contains("keys:manage, leads:read, leads:write");
        assertThat(badBlock.exitCode()).isEqualTo(2);
        assertThat(badBlock.err()).contains("host bits set").contains("10.0.0.0/8");
        assertThat(list.out())
                .contains("\"scopes\":[\"keys:manage\",\"leads:read\"]")
                .contains("\"allowedIps\":[\"10.0.0.0/8\",\"2001:db8::/32\"]");
        try (Keyguard keyguard =
                Keyguard.start(KeyguardConfig.builder().dataDir(dataDir).build())) {
            KeyguardPrincipal caller = keyguard.verify(key).orElseThrow();
            assertThat(caller.scopes()).isEqualTo(Scopes.of("keys:manage", "leads:read"));
            assertThat(caller.hasScope("leads:write")).isFalse();
            assertThat(caller.allowedIps())
                    .isEqualTo(IpAllowlist.of("10.0.0.0/8", "2001:db8::/32"));
            assertThat(caller.allowedIps().allows("10.9.8.7")).isTrue();
            assertThat(caller.allowedIps().allows("192.0.2.1")).isFalse();
        }
    }
}
