package dev.keyguard.internal.rights;

import dev.keyguard.ApiKey;
import dev.keyguard.Caller;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyguardException;
import dev.keyguard.Scopes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The rule against escalation: a key made by a caller (created or rotated) has no scope the caller
 * lacks, no address the caller may not use, and no later expiry than the caller's; and a key the
 * caller rotates or revokes has none either. Messages say which right, and never list the caller's
 * addresses.
 */
public final class Rights {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Rights() {}

    /** Whether the caller has every right there is, so that no key can exceed them. */
    public static boolean unlimited(Caller caller) {
        return caller.scopes().isUnrestricted()
                && caller.allowedIps().isAnywhere()
                && caller.expiresAt() == null;
    }

    /**
     * A key the caller rotates or revokes must lie within the caller's rights too: a restricted key
     * cannot end a key that may do more than it may (the organisation's production key, say), nor
     * take its place.
     *
     * @param verb what the caller does to it, e.g. {@code rotate}
     * @throws KeyguardException {@code RIGHTS_EXCEEDED} when the key has more rights than the
     *     caller
     */
    public static void checkTarget(Caller caller, ApiKey key, String verb) {
        if (!within(caller, key.scopes(), key.allowedIps(), key.expiresAt())) {
            throw KeyguardException.rightsExceeded(
                    "This API key cannot "
                            + verb
                            + " a key that has more rights than its own (a scope it lacks, a later"
                            + " expiry, or addresses outside its own).");
        }
    }

    private static boolean within(
            Caller caller, Scopes scopes, IpAllowlist allowedIps, Instant expiresAt) {
        Instant ownExpiry = caller.expiresAt();
        return caller.scopes().covers(scopes)
                && (ownExpiry == null || (expiresAt != null && !expiresAt.isAfter(ownExpiry)))
                && caller.allowedIps().covers(allowedIps);
    }

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
