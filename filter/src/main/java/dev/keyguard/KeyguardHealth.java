package dev.keyguard;

/**
 * What {@link Keyguard#health()} found: whether this node can check keys it has not cached, and
 * learns of changes made on other nodes. Immutable.
 *
 * @param healthy the database answered and the key-event feed is current
 * @param databaseReachable the database (or the host's store) answered a round trip just now
 * @param schemaVersion the version of Keyguard's schema in the database, as its migrations recorded
 *     it (e.g. {@code "4"}); {@code null} for a store given in code, or when the database did not
 *     answer or holds no record of Keyguard's migrations
 * @param feedCurrent this node read the key-event log completely lately (within three poll
 *     intervals, at least 3 s)
 * @param reason why it is not healthy, in a few words an operator can act on (never a key, a hash
 *     or a credential); {@code null} when healthy
 */
public record KeyguardHealth(
        boolean healthy,
        boolean databaseReachable,
        String schemaVersion,
        boolean feedCurrent,
        String reason) {}
