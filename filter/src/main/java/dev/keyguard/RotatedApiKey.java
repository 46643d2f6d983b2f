package dev.keyguard;

import java.util.Objects;

/**
 * The outcome of a rotation: the new key, shown this once, and the old key as it is now, retiring
 * at its new {@link ApiKey#expiresAt()}. {@link #toString()} leaves the raw key out.
 *
 * @param replacement the new key with its raw secret
 * @param retiring the old key, with the expiry the rotation gave it
 */
public record RotatedApiKey(CreatedApiKey replacement, ApiKey retiring) {

    public RotatedApiKey {
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(retiring, "retiring");
    }
}
