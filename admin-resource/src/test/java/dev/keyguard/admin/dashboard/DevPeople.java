package dev.keyguard.admin.dashboard;

import dev.keyguard.Person;
import dev.keyguard.spi.PersonResolver;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The harness's host login: two people of two organisations, logged in by {@code /login?user=alice}
 * (and sent on to {@code next}, a local path), out by {@code /logout}; the {@link PersonResolver}
 * reads the session the login wrote, without making one.
 */
final class DevPeople {

    static final Person ALICE = new Person("acme", "alice@acme", "Alice", "Smith", "alice@acme");
    static final Person BOB = new Person("globex", "bob@globex", "Bob", "Jones", "bob@globex");

    private static final Map<String, Person> PEOPLE = Map.of("alice", ALICE, "bob", BOB);
    private static final String SESSION_ATTRIBUTE = "dev.user";

    private DevPeople() {}

    static PersonResolver resolver() {
        return request -> {
            HttpSession session = request.getSession(false);
            Object user = session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
            return Optional.ofNullable(user == null ? null : PEOPLE.get(user.toString()));
        };
    }

    /** {@code /login?user=alice&next=/keyguard/}; without a known user, a page of links. */
    static final class Login extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            String user = request.getParameter("user");
            String next = request.getParameter("next");
            if (next == null || !next.startsWith("/") || next.startsWith("//")) {
                next = "/keyguard/";
            }
            if (user != null && PEOPLE.containsKey(user)) {
                HttpSession before = request.getSession(false);
                if (before != null) {
                    before.invalidate(); // a new session (and dashboard token) for each login
                }
                request.getSession(true).setAttribute(SESSION_ATTRIBUTE, user);
                response.sendRedirect(next);
                return;
            }
            html(
                    response,
                    "<h1>Log in</h1><ul><li><a href=\"/login?user=alice\">Alice (acme)</a></li>"
                            + "<li><a href=\"/login?user=bob\">Bob (globex)</a></li></ul>");
        }
    }

    /** {@code /logout}: ends the session. */
    static final class Logout extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            html(response, "<h1>Logged out</h1><p><a href=\"/login\">Log in</a></p>");
        }
    }

    /** The host's home page, where the dashboard's "Back to the app" leads. */
    static final class Home extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            if (!"/".equals(request.getServletPath() + nullToEmpty(request.getPathInfo()))) {
                response.sendError(404);
                return;
            }
            html(response, "<h1>The host app</h1><p><a href=\"/keyguard/\">API keys</a></p>");
        }

        private static String nullToEmpty(String text) {
            return text == null ? "" : text;
        }
    }

    static void html(HttpServletResponse response, String body) throws IOException {
        response.setContentType("text/html; charset=utf-8");
        response.getOutputStream()
                .write(
                        ("<!doctype html><html lang=\"en\"><title>Host app</title>" + body)
                                .getBytes(StandardCharsets.UTF_8));
    }
}
