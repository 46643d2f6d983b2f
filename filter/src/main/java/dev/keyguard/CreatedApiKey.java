package dev.keyguard;

import java.util.Objects;

/**
 * A key just created: its metadata and the raw key, which is shown to the caller this once and is
 * not stored anywhere. {@link #toString()} leaves the raw key out, so logging this is safe.
 *
 * @param key the stored metadata
 * @param rawKey the secret to hand to the client once
 */
public record CreatedApiKey(ApiKey key, String rawKey) {

    public CreatedApiKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rawKey, "rawKey");
    }

    @Override
    public String toString() {
        return "CreatedApiKey[key=" + key + ", rawKey=<redacted>]";
    }
}
