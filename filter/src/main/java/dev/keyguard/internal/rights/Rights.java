package dev.keyguard.internal.rights;

import dev.keyguard.Caller;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyguardException;
import dev.keyguard.Scopes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The rule against escalation: a key made by a caller (created or rotated) has no scope the caller
 * lacks, no address the caller may not use, and no later expiry than the caller's. Messages say
 * which right, and never list the caller's addresses.
 */
public final class Rights {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Rights() {}

    /**
     * @throws KeyguardException {@code RIGHTS_EXCEEDED} when the new key would have more rights
     */
    public static void check(
            Caller caller, Scopes scopes, IpAllowlist allowedIps, Instant expiresAt) {
        Scopes own = caller.scopes();
        if (!own.covers(scopes)) {
            if (scopes.isUnrestricted()) {
                throw KeyguardException.rightsExceeded(
                        "This API key has limited scopes, so a key it creates or rotates needs"
                                + " scopes too, within its own.");
            }
            String missing =
                    scopes.names().stream().filter(s -> !own.includes(s)).findFirst().orElseThrow();
            throw KeyguardException.rightsExceeded(
                    "This API key lacks the scope '"
                            + missing
                            + "', so it cannot give it to a key.");
        }
        Instant ownExpiry = caller.expiresAt();
        if (ownExpiry != null && (expiresAt == null || expiresAt.isAfter(ownExpiry))) {
            throw KeyguardException.rightsExceeded(
                    "This API key expires at "
                            + TIMESTAMP.format(ownExpiry)
                            + ", so a key it creates or rotates must expire no later: give an"
                            + " expiresAt up to then.");
        }
        if (!caller.allowedIps().covers(allowedIps)) {
            throw KeyguardException.rightsExceeded(
                    "This API key may only be used from its allowed addresses, so a key it creates"
                            + " or rotates needs allowedIps within them.");
        }
    }
}
