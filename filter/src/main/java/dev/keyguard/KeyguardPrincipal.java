package dev.keyguard;

import java.security.Principal;
import java.time.Instant;
import java.util.Objects;

/**
 * Who called: the organisation, the key, the user who created that key, and what the key may do.
 * After a successful check the filter returns it from {@code request.getUserPrincipal()} and stores
 * it in the request attribute {@link #REQUEST_ATTRIBUTE}. Immutable.
 *
 * @param keyId the id of the key that authenticated the request
 * @param owner the key's organisation and creating user
 * @param scopes the key's scopes; {@code request.isUserInRole(scope)} answers from them
 * @param allowedIps where the key may be used from
 * @param expiresAt when the key stops working, or {@code null} for never: a key it creates or
 *     rotates may not outlive it
 */
public record KeyguardPrincipal(
        String keyId, KeyOwner owner, Scopes scopes, IpAllowlist allowedIps, Instant expiresAt)
        implements Principal {

    /** The request attribute that holds the principal of an authenticated request. */
    public static final String REQUEST_ATTRIBUTE = KeyguardPrincipal.class.getName();

    public KeyguardPrincipal {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(allowedIps, "allowedIps");
    }

    /** The caller of an unrestricted key that never expires. */
    public KeyguardPrincipal(String keyId, KeyOwner owner) {
        this(keyId, owner, Scopes.unrestricted(), IpAllowlist.anywhere(), null);
    }

    /** The caller holding {@code key}. */
    public static KeyguardPrincipal of(ApiKey key) {
        return new KeyguardPrincipal(
                key.id(), key.owner(), key.scopes(), key.allowedIps(), key.expiresAt());
    }

    public String organisationId() {
        return owner.organisationId();
    }

    /** The host's id of the user who created the key; may be {@code null}. */
    public String userId() {
        return owner.user().id();
    }

    /** Whether the key has {@code scope}; an unrestricted key has every scope. */
    public boolean hasScope(String scope) {
        return scopes.includes(scope);
    }

    /** The key id: unique, and safe to log. */
    @Override
    public String getName() {
        return keyId;
    }
}
