package dev.keyguard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.IpAllowlist;
import dev.keyguard.Scopes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The columns as Keyguard writes them, and as a person may have edited them: fail closed. */
class StoredRightsTest {

    @Test
    void nullColumnsAreTheKeysOfBeforeRestrictedKeys() {
        assertThat(StoredRights.scopes("k", null)).isEqualTo(Scopes.unrestricted());
        assertThat(StoredRights.allowedIps("k", null)).isEqualTo(IpAllowlist.anywhere());
        assertThat(StoredRights.scopesColumn(Scopes.unrestricted())).isNull();
        assertThat(StoredRights.allowedIpsColumn(IpAllowlist.anywhere())).isNull();
    }

    @Test
    void columnsRoundTripSpaceSeparatedAndCanonical() {
        Scopes scopes = Scopes.of("leads:write", "leads:read");
        IpAllowlist blocks = IpAllowlist.of("2001:DB8:0:0:1:0:0:1", "::ffff:10.0.0.0/104");

        assertThat(StoredRights.scopesColumn(scopes)).isEqualTo("leads:read leads:write");
        assertThat(StoredRights.allowedIpsColumn(blocks))
                .isEqualTo("2001:db8::1:0:0:1/128 10.0.0.0/8");
        assertThat(StoredRights.scopes("k", "leads:read leads:write")).isEqualTo(scopes);
        assertThat(StoredRights.allowedIps("k", "2001:db8::1:0:0:1/128 10.0.0.0/8"))
                .isEqualTo(blocks);
    }

    @Test
    void anEmptyScopesColumnIsAKeyWithNoScope() {
        assertThat(StoredRights.scopesColumn(Scopes.of(List.of()))).isEmpty();
        assertThat(StoredRights.scopes("k", "")).isEqualTo(Scopes.of(List.of()));
        assertThat(StoredRights.scopes("k", "   ")).isEqualTo(Scopes.of(List.of()));
    }

    @Test
    void aHandEditedColumnMayUseCommasTabsAndNewlines() {
        assertThat(StoredRights.scopes("k", " leads:read,\tleads:write\n"))
                .isEqualTo(Scopes.of("leads:read", "leads:write"));
        assertThat(StoredRights.allowedIps("k", "10.0.0.0/8, 192.0.2.1"))
                .isEqualTo(IpAllowlist.of("10.0.0.0/8", "192.0.2.1/32"));
    }

    @Test
    void garbageScopeNamesGrantNothingAndTheRestStays() {
        Scopes scopes = StoredRights.scopes("k", "leads:read LEADS:WRITE *;drop ' keys:manage'");

        assertThat(scopes.isUnrestricted()).isFalse();
        assertThat(scopes.names()).containsExactly("leads:read");
        assertThat(StoredRights.scopes("k", "*").names()).isEmpty();
        assertThat(StoredRights.scopes("k", "ALL").names()).isEmpty();
    }

    @Test
    void moreScopesThanAKeyMayHaveGrantNone() {
        StringBuilder column = new StringBuilder();
        for (int i = 0; i <= Scopes.MAX_SCOPES; i++) {
            column.append(" s").append(i);
        }

        assertThat(StoredRights.scopes("k", column.toString())).isEqualTo(Scopes.of(List.of()));
    }

    @Test
    void garbageAllowedAddressesAllowNoClientAtAll() {
        for (String column :
                new String[] {
                    "garbage",
                    "10.0.0.0/8 garbage",
                    "10.1.2.3/8",
                    "*",
                    "0.0.0.0/0 ::/0 fe80::1%eth0",
                    ",",
                    ""
                }) {
            IpAllowlist allowlist = StoredRights.allowedIps("k", column);

            assertThat(allowlist).as(column).isEqualTo(IpAllowlist.nowhere());
            for (String client :
                    new String[] {"10.0.0.1", "127.0.0.1", "::1", "2001:db8::1", "100::"}) {
                assertThat(allowlist.allows(client)).as("%s from %s", column, client).isFalse();
            }
        }
    }
}
