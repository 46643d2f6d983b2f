package dev.keyguard;

/**
 * What a new key should be, as {@link ApiKeyService#create(Caller, NewKey)} takes it. Immutable.
 *
 * @param name display name; {@code null} or blank gives "API Key"
 * @param expiresAt ISO 8601 date or date-time with offset in the future, or {@code null} for never
 * @param scopes its scopes; {@code null} for {@link Scopes#unrestricted()}
 * @param allowedIps where it may be used from; {@code null} for {@link IpAllowlist#anywhere()}
 */
public record NewKey(String name, String expiresAt, Scopes scopes, IpAllowlist allowedIps) {

    /** An unrestricted key with this name and expiry. */
    public static NewKey named(String name, String expiresAt) {
        return new NewKey(name, expiresAt, null, null);
    }
}
