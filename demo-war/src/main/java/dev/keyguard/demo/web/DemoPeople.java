package dev.keyguard.demo.web;

import dev.keyguard.Person;
import dev.keyguard.demo.DemoUsers;
import dev.keyguard.spi.PersonResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/**
 * Who is logged in to the demo, for Keyguard's dashboard: the demo's own login ({@link
 * DemoLoginServlet}) keeps the user's email in the session, and this maps it to the person. It is
 * what a host with its own login writes, named in {@code web.xml} by {@code
 * keyguard.people.resolver}.
 */
public final class DemoPeople implements PersonResolver {

    /** The session attribute that holds the logged-in user's email. */
    static final String SESSION_ATTRIBUTE = "demo.user";

    @Override
    public Optional<Person> resolve(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        return session.getAttribute(SESSION_ATTRIBUTE) instanceof String email
                ? DemoUsers.person(email)
                : Optional.empty();
    }
}
