package dev.keyguard;

import java.time.Duration;

/**
 * How {@link ApiKeyService#rotate(Caller, String, Rotation)} replaces a key. Every part may be
 * {@code null}: the new key then keeps the old key's name, scopes and addresses, gets the old key's
 * lifetime from now, and the old key keeps working for {@link
 * ApiKeyService#DEFAULT_ROTATION_GRACE}. Immutable.
 *
 * @param gracePeriod how long the old key keeps working; {@link Duration#ZERO} ends it now
 * @param name the new key's name; blank keeps the old one
 * @param expiresAt the new key's expiry (ISO 8601 date or date-time with offset, in the future)
 * @param scopes the new key's scopes
 * @param allowedIps where the new key may be used from
 */
public record Rotation(
        Duration gracePeriod,
        String name,
        String expiresAt,
        Scopes scopes,
        IpAllowlist allowedIps) {

    /** Keeps everything; the old key works for {@code gracePeriod} ({@code null}: the default). */
    public static Rotation withGrace(Duration gracePeriod) {
        return new Rotation(gracePeriod, null, null, null, null);
    }
}
