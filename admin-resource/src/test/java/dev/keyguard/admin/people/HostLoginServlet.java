package dev.keyguard.admin.people;

import dev.keyguard.Person;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * The host's own login page at {@code /login}: {@code ?org=&user=&first=&last=&email=} logs that
 * person in (puts them in the session {@link SessionPerson} reads); {@code /logout} ends the
 * session.
 */
public final class HostLoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (request.getServletPath().equals("/logout")) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.getWriter().write("logged out");
            return;
        }
        Person person =
                new Person(
                        request.getParameter("org"),
                        request.getParameter("user"),
                        request.getParameter("first"),
                        request.getParameter("last"),
                        request.getParameter("email"));
        request.getSession(true).setAttribute(SessionPerson.ATTRIBUTE, person);
        response.getWriter().write("logged in");
    }
}
