package dev.keyguard.internal.lookup;

import dev.keyguard.ApiKey;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.internal.observe.Outcome;
import java.util.function.Predicate;

/**
 * What checking a presented key found, for the filter: whether the throttle counts it, and whether
 * the store was asked at all. Immutable.
 *
 * @param outcome what happened: {@link Outcome#VALID}; {@link Outcome#MALFORMED} or {@link
 *     Outcome#CHECKSUM} (refused without the cache or the store, so it cost nothing and the
 *     throttle does not count it); {@link Outcome#UNKNOWN}, {@link Outcome#REVOKED} or {@link
 *     Outcome#EXPIRED} (looked up in the cache or the store); {@link Outcome#UNAVAILABLE} (the
 *     cache had no answer and the look-up budget was spent: not checked, try again)
 * @param principal who called, for {@link Outcome#VALID} only; otherwise {@code null}
 * @param refusedKey the key found revoked or expired, for the security log; otherwise {@code null}
 */
public record Verification(Outcome outcome, KeyguardPrincipal principal, ApiKey refusedKey) {

    public static final Verification MALFORMED = new Verification(Outcome.MALFORMED, null, null);
    public static final Verification CHECKSUM = new Verification(Outcome.CHECKSUM, null, null);
    public static final Verification UNKNOWN = new Verification(Outcome.UNKNOWN, null, null);
    public static final Verification NOT_CHECKED =
            new Verification(Outcome.UNAVAILABLE, null, null);

    public static Verification valid(KeyguardPrincipal principal) {
        return new Verification(Outcome.VALID, principal, null);
    }

    /** A key that was found but is {@link Outcome#REVOKED} or {@link Outcome#EXPIRED}. */
    public static Verification refused(Outcome outcome, ApiKey key) {
        return new Verification(outcome, null, key);
    }

    /** Whether the key was looked up (in the cache or the store) and refused. */
    public boolean lookedUpAndRefused() {
        return outcome == Outcome.UNKNOWN
                || outcome == Outcome.REVOKED
                || outcome == Outcome.EXPIRED;
    }

    /**
     * Checks keys presented by clients of type {@code C}, e.g. HTTP requests. Thread-safe.
     *
     * @param <C> what identifies the client
     */
    @FunctionalInterface
    public interface Check<C> {
        /**
         * @param presentedKey the key as sent, may be {@code null}
         * @param suspect asked only when the store must be asked: whether this client failed
         *     recently, so that it may not take the budget's reserve
         * @param client the client, given to {@code suspect}
         * @throws dev.keyguard.KeyguardException {@code UNAVAILABLE} if the store could not answer
         */
        Verification check(String presentedKey, Predicate<C> suspect, C client);
    }
}
