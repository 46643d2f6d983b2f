package dev.keyguard.demo.web;

import dev.keyguard.Person;
import dev.keyguard.demo.DemoUsers;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy app's own login, which Keyguard's dashboard relies on through {@link DemoPeople}: the
 * landing page at {@code /} (what the demo is, and a login form for its users), {@code POST /login}
 * and {@code POST /logout}. Every demo user has the same password: {@code keyguard.demo.password}
 * (context-param, system property, or {@code KEYGUARD_DEMO_PASSWORD}), else one made at start and
 * printed.
 */
public final class DemoLoginServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    static final String PASSWORD_PARAMETER = "keyguard.demo.password";
    private static final Logger LOG = LoggerFactory.getLogger(DemoLoginServlet.class);
    private static final String POLICY =
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
                    + " base-uri 'none'; frame-ancestors 'none'";

    private transient byte[] password;

    @Override
    public void init() {
        String given = getServletContext().getInitParameter(PASSWORD_PARAMETER);
        if (given == null || given.isBlank()) {
            given = System.getProperty(PASSWORD_PARAMETER);
        }
        if (given == null || given.isBlank()) {
            given = System.getenv("KEYGUARD_DEMO_PASSWORD");
        }
        if (given == null || given.isBlank()) {
            given = randomPassword();
            LOG.info(
                    "Demo users {} log in at / with the password {} (made for this start; set"
                            + " KEYGUARD_DEMO_PASSWORD to choose one)",
                    DemoUsers.emails(),
                    given);
        }
        password = given.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomPassword() {
        String letters = "abcdefghjkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder made = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            made.append(letters.charAt(random.nextInt(letters.length())));
        }
        return made.toString();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
        String path = request.getServletPath();
        String method = request.getMethod();
        boolean page = path.isEmpty() || path.equals("/");
        String allowed = page ? "GET, HEAD" : "POST";
        if (!allowed.contains(method)) {
            response.setHeader("Allow", allowed);
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        if (page) {
            landing(request, response);
        } else if (!sameOrigin(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        } else if (path.equals("/login")) {
            logIn(request, response);
        } else {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/");
        }
    }

    private void logIn(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String email = request.getParameter("email");
        String given = request.getParameter("password");
        Optional<Person> person =
                email == null ? Optional.empty() : DemoUsers.person(email.strip());
        boolean right =
                given != null
                        && MessageDigest.isEqual(password, given.getBytes(StandardCharsets.UTF_8));
        if (person.isEmpty() || !right) {
            redirect(response, request.getContextPath() + "/?error=login");
            return;
        }
        if (request.getSession(false) != null) {
            request.changeSessionId(); // no session fixation
        }
        request.getSession(true).setAttribute(DemoPeople.SESSION_ATTRIBUTE, person.get().userId());
        redirect(response, request.getContextPath() + "/keyguard/");
    }

    /** 303: the browser follows with a GET. */
    private static void redirect(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    /** A form post from another site is refused: its Origin, when sent, must be this one. */
    private static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort =
                ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String own = scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
        return origin.toLowerCase(Locale.ROOT).equals(own.toLowerCase(Locale.ROOT));
    }

    private void landing(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<Person> person = new DemoPeople().resolve(request);
        StringBuilder html = new StringBuilder();
        html.append(
                """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Keyguard demo</title>
                <link rel="stylesheet" href="demo.css">
                </head>
                <body>
                <main>
                <h1>Keyguard demo</h1>
                <p>A small “legacy” web app whose API, <code>/api/v1/leads</code>, is guarded by
                Keyguard: every call needs an API key. Its users create, rotate and revoke their
                organisation's keys in the dashboard, or through <code>/api/v1/api-keys</code>.</p>
                """);
        if (person.isPresent()) {
            Person who = person.get();
            html.append("<p>Signed in as <strong>")
                    .append(escape(who.displayName()))
                    .append("</strong> (")
                    .append(escape(who.organisationId()))
                    .append(").</p>\n")
                    .append(
                            """
                            <p><a id="demo-dashboard" class="button" href="keyguard/">Manage \
                            your API keys</a></p>
                            <form id="demo-logout" method="post" action="logout">
                            <button id="demo-logout-submit" type="submit">Log out</button>
                            </form>
                            """);
        } else {
            html.append(
                    """
                    <section aria-labelledby="login-title">
                    <h2 id="login-title">Log in</h2>
                    """);
            if ("login".equals(request.getParameter("error"))) {
                html.append(
                        "<p id=\"demo-error\" role=\"alert\">That email and password do not"
                                + " match a demo user.</p>\n");
            }
            html.append(
                    """
                    <form id="demo-login" method="post" action="login">
                    <label for="demo-email">Email</label>
                    <input id="demo-email" name="email" type="email" autocomplete="username" \
                    required value="alice@acme.example">
                    <label for="demo-password">Password</label>
                    <input id="demo-password" name="password" type="password" \
                    autocomplete="current-password" required>
                    <button id="demo-login-submit" type="submit">Log in</button>
                    </form>
                    <p>The demo's users are <code>alice@acme.example</code> and
                    <code>arjun@acme.example</code> (organisation acme), <code>bob@globex.example</code>
                    and <code>gina@globex.example</code> (globex). Their password is printed when the
                    demo starts, unless <code>KEYGUARD_DEMO_PASSWORD</code> sets it.</p>
                    </section>
                    """);
        }
        html.append(
                        """
                        <section aria-labelledby="api-title">
                        <h2 id="api-title">Call the API with a key</h2>
                        <pre><code>curl -H "Authorization: Bearer $KEY" \
                        """)
                .append(escape(base(request)))
                .append(
                        """
                        /api/v1/leads</code></pre>
                        <p>The admin API is described in <a href="openapi.yaml">openapi.yaml</a>.</p>
                        </section>
                        </main>
                        </body>
                        </html>
                        """);
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html; charset=utf-8");
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    private static String base(HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        int root = url.indexOf('/', url.indexOf("//") + 2);
        return (root < 0 ? url : url.substring(0, root)) + request.getContextPath();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
