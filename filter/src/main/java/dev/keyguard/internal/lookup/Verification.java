package dev.keyguard.internal.lookup;

import dev.keyguard.KeyguardPrincipal;
import java.util.function.Predicate;

/**
 * What checking a presented key found, for the filter: whether the throttle counts it, and whether
 * the store was asked at all. Immutable.
 *
 * @param outcome what happened
 * @param principal who called, for {@link Outcome#VALID} only; otherwise {@code null}
 */
public record Verification(Outcome outcome, KeyguardPrincipal principal) {

    /** How a check ended. */
    public enum Outcome {
        /** The key is known, active and not expired. */
        VALID,
        /**
         * The key has the wrong shape or checksum: refused without the cache or the store, so it
         * cost nothing and the throttle does not count it.
         */
        MALFORMED,
        /** The key was looked up (in the cache or the store) and is unknown, revoked or expired. */
        REFUSED,
        /** The cache had no answer and the look-up budget was spent: not checked, try again. */
        NOT_CHECKED
    }

    public static final Verification MALFORMED = new Verification(Outcome.MALFORMED, null);
    public static final Verification REFUSED = new Verification(Outcome.REFUSED, null);
    public static final Verification NOT_CHECKED = new Verification(Outcome.NOT_CHECKED, null);

    public static Verification valid(KeyguardPrincipal principal) {
        return new Verification(Outcome.VALID, principal);
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
