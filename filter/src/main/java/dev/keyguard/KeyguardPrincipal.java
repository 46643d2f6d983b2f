package dev.keyguard;

import java.security.Principal;
import java.util.Objects;

/**
 * Who called: the organisation, the key and the user who created that key. After a successful check
 * the filter returns it from {@code request.getUserPrincipal()} and stores it in the request
 * attribute {@link #REQUEST_ATTRIBUTE}. Immutable.
 *
 * @param keyId the id of the key that authenticated the request
 * @param owner the key's organisation and creating user
 */
public record KeyguardPrincipal(String keyId, KeyOwner owner) implements Principal {

    /** The request attribute that holds the principal of an authenticated request. */
    public static final String REQUEST_ATTRIBUTE = KeyguardPrincipal.class.getName();

    public KeyguardPrincipal {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(owner, "owner");
    }

    public String organisationId() {
        return owner.organisationId();
    }

    /** The host's id of the user who created the key; may be {@code null}. */
    public String userId() {
        return owner.user().id();
    }

    /** The key id: unique, and safe to log. */
    @Override
    public String getName() {
        return keyId;
    }
}
