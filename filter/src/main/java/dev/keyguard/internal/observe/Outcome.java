package dev.keyguard.internal.observe;

import java.util.Locale;

/**
 * How the check of one request's credential ended, as metrics count it and the security log names
 * it: one outcome per request through the filter (or the container's authentication), and one per
 * {@link dev.keyguard.Keyguard#verify} call.
 */
public enum Outcome {
    /** The key is valid and was let in (for the filter: with every scope the path needs). */
    VALID,
    /** No Bearer credential was sent. */
    MISSING,
    /** The key does not have the shape of a key of this deployment. */
    MALFORMED,
    /** The key has the shape but its checksum is wrong: a typo or a guess, never looked up. */
    CHECKSUM,
    /** A well-formed key that no store knows. */
    UNKNOWN,
    /** A key that was revoked. */
    REVOKED,
    /** A key past its expiry, or a rotated key past its grace period. */
    EXPIRED,
    /** A valid key from an address outside its allowed ones. */
    IP_NOT_ALLOWED,
    /** A valid key without a scope the path needs. */
    INSUFFICIENT_SCOPE,
    /**
     * A person logged in to the host app asked for a change without the dashboard page's proof
     * (same origin and anti-CSRF token): a forged cross-site request, or a stale page.
     */
    CSRF_FAILED,
    /** An invalid key from an address the throttle blocks. */
    THROTTLED,
    /** The key could not be checked: the store did not answer, or the look-up budget is spent. */
    UNAVAILABLE;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The outcome's name in metrics and logs: lower case, e.g. {@code insufficient_scope}. */
    public String tag() {
        return tag;
    }
}
