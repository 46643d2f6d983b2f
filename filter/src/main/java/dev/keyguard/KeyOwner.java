package dev.keyguard;

import java.util.Objects;

/**
 * Who a new key is for: the host's organisation id and the user creating it. A key created through
 * the admin API by another key takes that key's owner, so it stays in the same organisation.
 *
 * @param organisationId the host's id of the organisation, never {@code null}
 * @param user the creating user, never {@code null}
 */
public record KeyOwner(String organisationId, KeyUser user) {

    public KeyOwner {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(user, "user");
    }
}
