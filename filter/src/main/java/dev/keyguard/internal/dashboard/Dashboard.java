package dev.keyguard.internal.dashboard;

import dev.keyguard.KeyguardConfig;
import dev.keyguard.Person;
import dev.keyguard.Scopes;
import dev.keyguard.internal.failure.Failures;
import dev.keyguard.internal.web.CsrfCheck;
import dev.keyguard.spi.PersonResolver;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's server side, for {@code KeyguardDashboardServlet}: the page for the person logged
 * in (or the way to the host's login), and its assets. The page itself only calls the admin API;
 * what the server fills in is the person's name and organisation, the anti-CSRF token of their
 * session, the API's address and the app's scopes. Every answer carries a strict
 * Content-Security-Policy (no inline script or style, nothing from another origin) and may not be
 * framed. Thread-safe.
 */
public final class Dashboard {

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                    + " connect-src 'self'; form-action 'self'; base-uri 'none';"
                    + " frame-ancestors 'none'";

    private static final String ASSETS = "/assets/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z]+)}}");

    private final Assets assets;

    private Dashboard(Assets assets) {
        this.assets = assets;
    }

    public static Dashboard load() {
        return new Dashboard(Assets.load());
    }

    /** Says once, at start, what a host should set for its session cookie. */
    public static void checkSessionCookie(ServletContext context) {
        if (!context.getSessionCookieConfig().isHttpOnly()) {
            LOG.warn(
                    "Keyguard's dashboard: the web app's session cookie is not HttpOnly; set"
                            + " <http-only>true</http-only> in web.xml's <session-config>"
                            + " <cookie-config> (docs/dashboard.md)");
        }
    }

    /**
     * @param config the running Keyguard's configuration, or {@code null} when none runs
     * @param people the resolver the filter uses, or {@code null} when people are not configured
     */
    public void serve(
            HttpServletRequest request,
            HttpServletResponse response,
            KeyguardConfig config,
            PersonResolver people)
            throws IOException, ServletException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            page(response, 405, "Not allowed", "The dashboard's pages are only read.");
            return;
        }
        String path = request.getPathInfo();
        if (path == null) {
            // Mounted at /x/*, asked for /x: the page's relative asset paths need the slash.
            String query = request.getQueryString();
            secure(response);
            response.sendRedirect(
                    request.getContextPath()
                            + request.getServletPath()
                            + "/"
                            + (query == null ? "" : "?" + query));
            return;
        }
        if (path.startsWith(ASSETS)) {
            asset(path.substring(ASSETS.length()), request, response);
        } else if (path.equals("/")) {
            page(request, response, config, people);
        } else {
            page(response, 404, "Not found", "The dashboard has no such page.");
        }
    }

    private void asset(String name, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Assets.Asset asset = assets.asset(name);
        if (asset == null) {
            page(response, 404, "Not found", "The dashboard has no such file.");
            return;
        }
        secure(response);
        response.setHeader("ETag", asset.etag());
        response.setHeader("Cache-Control", "no-cache");
        if (asset.etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(asset.contentType());
        response.setContentLength(asset.bytes().length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(asset.bytes());
        }
    }

    private void page(
            HttpServletRequest request,
            HttpServletResponse response,
            KeyguardConfig config,
            PersonResolver people)
            throws IOException, ServletException {
        if (config == null || people == null) {
            page(
                    response,
                    503,
                    "Not set up",
                    "Keyguard's dashboard needs the Keyguard filter, with people configured"
                            + " (keyguard.people.mapping or keyguard.people.resolver).");
            return;
        }
        Optional<Person> person = resolve(people, request);
        if (person == null) {
            page(response, 503, "Unavailable", "Who is logged in could not be told; try again.");
            return;
        }
        if (person.isEmpty() && request.getUserPrincipal() == null) {
            if (logIn(config, request, response)) {
                person = resolve(people, request);
            } else {
                return;
            }
        }
        if (person == null || person.isEmpty()) {
            page(
                    response,
                    403,
                    "No access",
                    request.getUserPrincipal() == null
                            ? "Log in to the app to manage its API keys."
                            : "You are logged in, but this account may not manage the app's API"
                                    + " keys. Ask the app's administrator.");
            return;
        }
        render(config, person.get(), request, response);
    }

    /** The person, or empty for nobody, or {@code null} when the resolver failed. */
    private static Optional<Person> resolve(PersonResolver people, HttpServletRequest request) {
        try {
            Optional<Person> found = people.resolve(request);
            return found == null ? Optional.empty() : found;
        } catch (RuntimeException e) {
            LOG.warn("Keyguard's dashboard: the PersonResolver failed: {}", Failures.describe(e));
            return null;
        }
    }

    /**
     * Sends a person who is not logged in to the host's login: its page, when configured, else the
     * container's {@code <login-config>}.
     *
     * @return whether the request is now logged in (and the page may go on)
     */
    private boolean logIn(
            KeyguardConfig config, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String login = config.dashboardLoginUrl();
        if (login != null) {
            String back = request.getContextPath() + request.getServletPath() + "/";
            String target =
                    login.replace("{return}", URLEncoder.encode(back, StandardCharsets.UTF_8));
            secure(response);
            response.sendRedirect(
                    target.startsWith("/") ? request.getContextPath() + target : target);
            return false;
        }
        try {
            return request.authenticate(response);
        } catch (ServletException e) {
            // No login mechanism in the web app.
            page(
                    response,
                    401,
                    "Log in first",
                    "Log in to the app to manage its API keys. (The app has no login Keyguard can"
                            + " send you to: set keyguard.dashboard.login-url.)");
            return false;
        }
    }

    private void render(
            KeyguardConfig config,
            Person person,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        String token = CsrfCheck.token(request.getSession(true), person);
        String api = config.peoplePaths().get(0);
        if (api.endsWith("/*")) {
            api = api.substring(0, api.length() - 2);
        }
        TreeSet<String> scopes = new TreeSet<>(config.scopes());
        scopes.add(Scopes.KEYS_MANAGE);
        Map<String, String> values =
                Map.of(
                        "csrf", token,
                        "api", request.getContextPath() + api,
                        "home", request.getContextPath() + "/",
                        "person", person.displayName(),
                        "user", person.userId(),
                        "organisation", person.organisationId(),
                        "scopes", String.join(" ", scopes));
        // One pass: a value that holds "{{...}}" (a person's name) stays as it is.
        String html =
                PLACEHOLDER
                        .matcher(assets.template())
                        .replaceAll(
                                found ->
                                        Matcher.quoteReplacement(
                                                Html.escape(
                                                        values.getOrDefault(
                                                                found.group(1), found.group()))));
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        secure(response);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The policy and framing headers, set on Keyguard's own answers only: a host's login page the
     * container forwards to from {@code request.authenticate} keeps its own.
     */
    private static void secure(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
    }

    /** A small page of Keyguard's own for what is not the dashboard: an error, a refusal. */
    private static void page(HttpServletResponse response, int status, String title, String text)
            throws IOException {
        String html =
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                        + "<title>"
                        + Html.escape(title)
                        + " · API keys</title></head><body><main><h1>"
                        + Html.escape(title)
                        + "</h1><p>"
                        + Html.escape(text)
                        + "</p></main></body></html>";
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        secure(response);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
