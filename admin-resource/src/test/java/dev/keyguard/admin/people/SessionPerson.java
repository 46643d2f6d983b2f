package dev.keyguard.admin.people;

import dev.keyguard.Person;
import dev.keyguard.spi.PersonResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/**
 * A host's own login, as {@code keyguard.people.resolver} names it: the person its login page put
 * in the session ({@link HostLoginServlet}). A request with {@link #BREAK_HEADER} plays the host's
 * user table being down: the resolver throws, quoting the session id.
 */
public final class SessionPerson implements PersonResolver {

    /** The session attribute the host's login page sets. */
    public static final String ATTRIBUTE = "test.person";

    /** A request header that makes the resolver throw. */
    public static final String BREAK_HEADER = "X-Test-Break-Resolver";

    /** What the resolver's exception says, before the session id it quotes. */
    public static final String FAILURE = "the host's user table is down for session ";

    @Override
    public Optional<Person> resolve(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (request.getHeader(BREAK_HEADER) != null) {
            // As a container's own exception may (Jetty's "Response committed <session id>").
            throw new IllegalStateException(FAILURE + (session == null ? "-" : session.getId()));
        }
        return session == null
                ? Optional.empty()
                : Optional.ofNullable((Person) session.getAttribute(ATTRIBUTE));
    }
}
