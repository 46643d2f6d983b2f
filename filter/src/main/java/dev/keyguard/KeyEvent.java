package dev.keyguard;

import java.time.Instant;
import java.util.Locale;

/**
 * One entry of an organisation's audit trail: a change of one key, as written to the key-event log
 * in the same transaction as the change. Immutable.
 *
 * @param type what happened
 * @param keyId the key it happened to
 * @param keyName that key's name, or {@code null} if its row no longer exists
 * @param keyPrefix that key's display prefix, or {@code null} if its row no longer exists
 * @param actor who did it; {@link Actor#operator()} for an operator or SQL
 * @param occurredAt when, by the store's clock (on a database, the database server's), to the
 *     millisecond
 */
public record KeyEvent(
        Type type,
        String keyId,
        String keyName,
        String keyPrefix,
        Actor actor,
        Instant occurredAt) {

    /** What happened to a key; {@link #code()} is what the database and the JSON hold. */
    public enum Type {
        /** The key was created (also the new key of a rotation). */
        CREATED,
        /** The key was replaced by a rotation: it works until its (new) {@code expiresAt}. */
        ROTATED,
        /** The key was revoked, for good. */
        REVOKED,
        /** The key's row was changed outside Keyguard, by SQL; nodes read it again. */
        CHANGED;

        /** The lowercase name: {@code created}, {@code rotated}, {@code revoked}, ... */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @throws IllegalArgumentException for a code that is none of the four
         */
        public static Type ofCode(String code) {
            for (Type type : values()) {
                if (type.code().equals(code)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("Unknown key event type: " + code);
        }
    }
}
