package dev.keyguard.internal.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.Actor;
import dev.keyguard.Caller;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.KeyguardException;
import dev.keyguard.Scopes;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class RightsTest {

    private static final KeyOwner OWNER =
            new KeyOwner("org-1", new KeyUser("u1", "Ada", "Lovelace", "ada@example.com"));
    private static final Instant EXPIRY = Instant.parse("2026-06-01T00:00:00Z");
    private static final Scopes MANAGER = Scopes.of("keys:manage", "leads:read");
    private static final IpAllowlist OFFICE = IpAllowlist.of("10.0.0.0/8", "2001:db8::/32");

    private static Caller caller(Scopes scopes, IpAllowlist allowedIps, Instant expiresAt) {
        return new Caller(OWNER, Actor.operator(), scopes, allowedIps, expiresAt);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertExceeded(
            Caller caller, Scopes scopes, IpAllowlist allowedIps, Instant expiresAt) {
        return assertThatThrownBy(() -> Rights.check(caller, scopes, allowedIps, expiresAt))
                .isInstanceOfSatisfying(
                        KeyguardException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(KeyguardException.Reason.RIGHTS_EXCEEDED));
    }

    @Test
    void anUnrestrictedCallerThatNeverExpiresMayGiveAnything() {
        Caller operator = Caller.operator(OWNER);

        assertThatNoException()
                .isThrownBy(
                        () -> {
                            Rights.check(
                                    operator, Scopes.unrestricted(), IpAllowlist.anywhere(), null);
                            Rights.check(operator, MANAGER, OFFICE, EXPIRY);
                        });
    }

    @Test
    void aRestrictedCallerGivesOnlyItsOwnScopes() {
        Caller caller = caller(MANAGER, IpAllowlist.anywhere(), null);

        assertThatNoException()
                .isThrownBy(
                        () -> {
                            Rights.check(caller, MANAGER, IpAllowlist.anywhere(), null);
                            Rights.check(
                                    caller, Scopes.of("leads:read"), IpAllowlist.anywhere(), null);
                            Rights.check(
                                    caller, Scopes.of(List.of()), IpAllowlist.anywhere(), null);
                        });
        assertExceeded(caller, Scopes.of("leads:read", "leads:write"), IpAllowlist.anywhere(), null)
                .hasMessage(
                        "This API key lacks the scope 'leads:write', so it cannot give it to a"
                                + " key.");
        assertExceeded(caller, Scopes.unrestricted(), IpAllowlist.anywhere(), null)
                .hasMessageContaining("needs scopes too, within its own");
    }

    @Test
    void aCallerThatExpiresGivesNoLaterExpiryAndNotNever() {
        Caller caller = caller(Scopes.unrestricted(), IpAllowlist.anywhere(), EXPIRY);

        assertThatNoException()
                .isThrownBy(
                        () -> {
                            Rights.check(caller, MANAGER, IpAllowlist.anywhere(), EXPIRY);
                            Rights.check(
                                    caller,
                                    MANAGER,
                                    IpAllowlist.anywhere(),
                                    EXPIRY.minusSeconds(1));
                        });
        assertExceeded(caller, MANAGER, IpAllowlist.anywhere(), EXPIRY.plusMillis(1))
                .hasMessageContaining("expires at 2026-06-01T00:00:00.000Z");
        assertExceeded(caller, MANAGER, IpAllowlist.anywhere(), null)
                .hasMessageContaining("must expire no later");
    }

    @Test
    void aCallerWithAllowedAddressesGivesOnlyAddressesWithinThemAndNeverEchoesThem() {
        Caller caller = caller(Scopes.unrestricted(), OFFICE, null);

        assertThatNoException()
                .isThrownBy(
                        () -> {
                            Rights.check(caller, MANAGER, OFFICE, null);
                            Rights.check(caller, MANAGER, IpAllowlist.of("10.1.2.3"), null);
                            Rights.check(caller, MANAGER, IpAllowlist.of("2001:db8:1::/48"), null);
                        });
        for (IpAllowlist wider :
                List.of(
                        IpAllowlist.anywhere(),
                        IpAllowlist.of("10.0.0.0/7"),
                        IpAllowlist.of("10.1.0.0/16", "192.0.2.1"))) {
            assertExceeded(caller, MANAGER, wider, null)
                    .hasMessageContaining("allowedIps within them")
                    .hasMessageNotContaining("10.0.0.0")
                    .hasMessageNotContaining("2001:db8");
        }
    }

    @Test
    void scopesAreCheckedFirstThenExpiryThenAddresses() {
        Caller caller = caller(Scopes.of("leads:read"), OFFICE, EXPIRY);

        assertExceeded(caller, Scopes.of("keys:manage"), IpAllowlist.anywhere(), null)
                .hasMessageContaining("'keys:manage'");
        assertExceeded(caller, Scopes.of("leads:read"), IpAllowlist.anywhere(), null)
                .hasMessageContaining("expires at");
        assertExceeded(caller, Scopes.of("leads:read"), IpAllowlist.anywhere(), EXPIRY)
                .hasMessageContaining("allowedIps");
    }
}
