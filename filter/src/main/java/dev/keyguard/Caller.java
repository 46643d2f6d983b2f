package dev.keyguard;

import java.time.Instant;
import java.util.Objects;

/**
 * Who asks {@link ApiKeyService} to manage an organisation's keys, and within which rights: the
 * owner new keys get, the {@link Actor} the audit trail records, and the most a key it creates or
 * rotates may have (no scope it lacks, no later expiry, no address outside its own). Every
 * operation needs {@value Scopes#KEYS_MANAGE}. Immutable.
 *
 * @param owner the organisation acted for, and the user new keys are created by
 * @param actor who the audit trail names
 * @param scopes the caller's scopes: the operations need {@value Scopes#KEYS_MANAGE}, and a new key
 *     gets none beyond them
 * @param allowedIps the caller's addresses: a new key's must lie within them
 * @param expiresAt the caller's expiry, or {@code null}: a new key may not expire later
 */
public record Caller(
        KeyOwner owner, Actor actor, Scopes scopes, IpAllowlist allowedIps, Instant expiresAt) {

    public Caller {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(allowedIps, "allowedIps");
    }

    /** The holder of an authenticated key, with that key's rights; new keys get its owner. */
    public static Caller of(KeyguardPrincipal principal) {
        return new Caller(
                principal.owner(),
                Actor.of(principal),
                principal.scopes(),
                principal.allowedIps(),
                principal.expiresAt());
    }

    /** An operator (the command line, the host's own code) acting for {@code owner}, unlimited. */
    public static Caller operator(KeyOwner owner) {
        return new Caller(
                owner, Actor.operator(), Scopes.unrestricted(), IpAllowlist.anywhere(), null);
    }

    /**
     * A person logged in to the host app (the dashboard): acts for their organisation with every
     * right, as its operator does, and is named in new keys and in the audit trail.
     */
    public static Caller person(Person person) {
        return new Caller(
                new KeyOwner(
                        person.organisationId(),
                        new KeyUser(
                                person.userId(),
                                person.firstName(),
                                person.lastName(),
                                person.email())),
                new Actor(null, person.userId()),
                Scopes.unrestricted(),
                IpAllowlist.anywhere(),
                null);
    }

    public String organisationId() {
        return owner.organisationId();
    }
}
