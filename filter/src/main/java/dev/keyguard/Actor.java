package dev.keyguard;

/**
 * Who changed a key, as the key-event log records it: the key that authenticated the request and/or
 * the host's user behind it. An operator or a script working without a key (the demo's {@code
 * create-key}, a DBA) is {@link #operator()}, with both {@code null}. Immutable.
 *
 * @param keyId the id of the key that made the change, or {@code null}
 * @param userId the host's id of the user who made it, or {@code null}
 */
public record Actor(String keyId, String userId) {

    private static final Actor OPERATOR = new Actor(null, null);

    /** No key and no user: an operator, the command line or SQL. */
    public static Actor operator() {
        return OPERATOR;
    }

    /** The caller of an authenticated request: its key and the user who created that key. */
    public static Actor of(KeyguardPrincipal caller) {
        return new Actor(caller.keyId(), caller.userId());
    }

    public boolean isOperator() {
        return keyId == null && userId == null;
    }
}
