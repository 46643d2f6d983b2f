package dev.keyguard.spi;

import dev.keyguard.KeyEvent;

/**
 * An event as a node following the log sees it. Immutable; {@link #toString()} leaves the hash out
 * (see {@link StoredKey}).
 *
 * @param id the event's id in the log
 * @param type what happened
 * @param keyId the key it happened to
 * @param key that key's row as it is now, or {@code null} if the row no longer exists (deleted by
 *     SQL)
 */
public record FeedEvent(long id, KeyEvent.Type type, String keyId, StoredKey key) {}
