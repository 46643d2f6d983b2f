package dev.keyguard;

import java.security.Principal;
import java.util.Objects;

/**
 * A person logged in to the host app, as a {@link PersonResolver} finds them: the organisation they
 * manage keys for and who they are. The admin API treats such a caller as its organisation's
 * {@value Scopes#KEYS_MANAGE}; keys they create name them as the creating user, and the audit trail
 * names them by {@link #userId()}. It is the request's principal on the admin API. Immutable.
 *
 * @param organisationId the host's id of the person's organisation, never blank
 * @param userId the host's id of the person (a login name, an email), never blank
 * @param firstName may be {@code null}
 * @param lastName may be {@code null}
 * @param email may be {@code null}
 */
public record Person(
        String organisationId, String userId, String firstName, String lastName, String email)
        implements Principal {

    /** The request attribute that holds the person on a request the Keyguard filter let in. */
    public static final String REQUEST_ATTRIBUTE = Person.class.getName();

    public Person {
        if (Objects.requireNonNull(organisationId, "organisationId").isBlank()) {
            throw new IllegalArgumentException("A person's organisationId may not be blank");
        }
        if (Objects.requireNonNull(userId, "userId").isBlank()) {
            throw new IllegalArgumentException("A person's userId may not be blank");
        }
    }

    /** A person known only by organisation and user id. */
    public static Person of(String organisationId, String userId) {
        return new Person(organisationId, userId, null, null, null);
    }

    /** The user id. */
    @Override
    public String getName() {
        return userId;
    }

    /** The name to greet them with: first and last name, else the user id. */
    public String displayName() {
        String full =
                ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName))
                        .strip();
        return full.isEmpty() ? userId : full;
    }
}
