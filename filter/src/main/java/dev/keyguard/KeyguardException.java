package dev.keyguard;

import java.util.Objects;

/**
 * Every failure Keyguard reports to a caller, typed by {@link Reason} so that an HTTP layer maps it
 * to a status without parsing messages.
 *
 * <p>The message is a sentence that is safe to show to an API client: it never holds a raw key, a
 * hash or database detail. The cause, where there is one, is for logs only.
 */
public final class KeyguardException extends RuntimeException {

    /** What went wrong, with the snake_case code of the contract's error envelope. */
    public enum Reason {
        /** The input breaks a rule (name, expiry, ids given by the host). */
        VALIDATION_ERROR("validation_error"),
        /** The organisation already has the maximum number of active keys. */
        KEY_LIMIT_REACHED("key_limit_reached"),
        /** No such key for this organisation: unknown, foreign and revoked look the same. */
        NOT_FOUND("not_found"),
        /** The key exists but cannot be rotated: it has expired or is already being replaced. */
        NOT_ROTATABLE("key_not_rotatable"),
        /** The caller's key lacks the scope the operation needs ({@link #requiredScope()}). */
        INSUFFICIENT_SCOPE("insufficient_scope"),
        /**
         * The key asked for would have more rights than the caller's own: a scope it lacks, a later
         * expiry, or addresses outside its own.
         */
        RIGHTS_EXCEEDED("rights_exceeded"),
        /** The store could not be reached or did not answer: "could not check", not "invalid". */
        UNAVAILABLE("unavailable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The snake_case code written in the error envelope. */
        public String code() {
            return code;
        }
    }

    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final String requiredScope;

    private KeyguardException(Reason reason, String message, Throwable cause) {
        this(reason, message, cause, null);
    }

    private KeyguardException(
            Reason reason, String message, Throwable cause, String requiredScope) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
        this.requiredScope = requiredScope;
    }

    /**
     * The input breaks a rule (400 {@code validation_error}).
     *
     * @param message a sentence a client may see: what is wrong, never a key, hash or SQL
     */
    public static KeyguardException validation(String message) {
        return new KeyguardException(Reason.VALIDATION_ERROR, message, null);
    }

    /** The organisation already has {@code limit} active keys (409 {@code key_limit_reached}). */
    public static KeyguardException limitReached(int limit) {
        return new KeyguardException(
                Reason.KEY_LIMIT_REACHED,
                "The organisation already has " + limit + " active API keys; revoke one first.",
                null);
    }

    /**
     * No such key for this organisation (404 {@code not_found}): what a store throws, or answers
     * with an empty result, for an unknown, foreign or revoked key alike.
     */
    public static KeyguardException notFound() {
        return new KeyguardException(Reason.NOT_FOUND, "No such API key.", null);
    }

    /** The key has expired or is already being replaced (409 {@code key_not_rotatable}). */
    public static KeyguardException notRotatable() {
        return new KeyguardException(
                Reason.NOT_ROTATABLE,
                "The API key has expired or is already being replaced by a rotation.",
                null);
    }

    /**
     * The store could not be reached or did not answer (503 {@code unavailable}): what a store
     * throws for every failure of its own. The cause is for logs, which name only its class.
     *
     * @param cause the store's own failure, or {@code null}
     */
    public static KeyguardException unavailable(Throwable cause) {
        return new KeyguardException(
                Reason.UNAVAILABLE, "The key store is unavailable; try again shortly.", cause);
    }

    /**
     * The caller's key lacks {@code scope} (403 {@code insufficient_scope}).
     *
     * @param scope a scope name (see {@link Scopes#isScopeName})
     */
    public static KeyguardException insufficientScope(String scope) {
        return new KeyguardException(
                Reason.INSUFFICIENT_SCOPE,
                "The API key lacks the scope this needs: " + scope + ".",
                null,
                scope);
    }

    /**
     * The key asked for would have more rights than the caller's (403 {@code rights_exceeded}).
     *
     * @param message a sentence a client may see: which right, never a key or an address list
     */
    public static KeyguardException rightsExceeded(String message) {
        return new KeyguardException(Reason.RIGHTS_EXCEEDED, message, null);
    }

    /** For {@link Reason#INSUFFICIENT_SCOPE}, the scope that was needed; otherwise {@code null}. */
    public String requiredScope() {
        return requiredScope;
    }

    /** What went wrong. */
    public Reason reason() {
        return reason;
    }
}
