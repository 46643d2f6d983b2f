package dev.keyguard.spi;

import dev.keyguard.Person;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Finds the person logged in to the host app behind a request, so that people manage their
 * organisation's keys in the dashboard, and through the admin API from it, without a key. The host
 * implements it on its own login (its session, its user table), or uses {@link ContainerLogin} for
 * the container's. Keyguard asks it for admin API requests that carry no key (on {@code
 * keyguard.people.paths}) and for the dashboard's page; never for the host's own guarded paths.
 *
 * <p>Implementations must be thread-safe, answer from what the request already proves (a session,
 * the container's principal) without creating a session, and return empty for anyone who is not
 * logged in or may not manage keys. A {@link RuntimeException} is answered with 503 and logged.
 */
@FunctionalInterface
public interface PersonResolver {

    /** The servlet context attribute where the Keyguard filter publishes the resolver it uses. */
    String CONTEXT_ATTRIBUTE = PersonResolver.class.getName();

    /**
     * @return the person logged in behind {@code request}, or empty for nobody
     */
    Optional<Person> resolve(HttpServletRequest request);
}
