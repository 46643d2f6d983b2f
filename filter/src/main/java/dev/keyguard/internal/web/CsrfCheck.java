package dev.keyguard.internal.web;

import dev.keyguard.Person;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Proof that a change asked for by a person logged in to the host app comes from the dashboard's
 * page, not from another site riding on their session cookie (OWASP's synchronizer token plus the
 * origin check): {@code Sec-Fetch-Site}, when the browser sends it, is {@code same-origin}; {@code
 * Origin} (or, without it, the {@code Referer}'s origin) is the request's own or one configured;
 * and the {@value #HEADER} header holds the token the page got, which lives in the person's session
 * and was made for that person: a session that changes hands (a host's login that keeps the
 * session, or changes only its id) gets a new token for the new person. Thread-safe.
 */
public final class CsrfCheck {

    /** The request header the dashboard's page sends the token in. */
    public static final String HEADER = "X-CSRF-Token";

    /** The session attribute that holds the token. */
    static final String SESSION_ATTRIBUTE = "dev.keyguard.csrf-token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> extraOrigins;

    CsrfCheck(List<String> extraOrigins) {
        this.extraOrigins = extraOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    /** Methods that change nothing need no proof: a page on another site cannot read answers. */
    static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    boolean passes(HttpServletRequest request, Person person) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            origin = originOf(request.getHeader("Referer"));
        }
        if (origin == null) {
            return false;
        }
        origin = origin.toLowerCase(Locale.ROOT);
        if (!origin.equals(ownOrigin(request)) && !extraOrigins.contains(origin)) {
            return false;
        }
        HttpSession session = request.getSession(false);
        String token = session == null ? null : tokenOf(session, person);
        String sent = request.getHeader(HEADER);
        return token != null
                && sent != null
                && MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.US_ASCII),
                        sent.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The token of this session for this person, made on first use (and anew when the session now
     * holds another person): the dashboard's page carries it. 32 random bytes, base64url.
     */
    public static String token(HttpSession session, Person person) {
        // No lock: containers hand out a facade per request. Two first loads at once may each make
        // one; the page holding the loser's is told to reload on its first change.
        String present = tokenOf(session, person);
        if (present != null) {
            return present;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(SESSION_ATTRIBUTE, token + ' ' + owner(person));
        return token;
    }

    /** The session's token if it was made for this person, else {@code null}. */
    private static String tokenOf(HttpSession session, Person person) {
        // A String (the token, a space, whom it is for), so that any container can store the
        // session; the token is base64url, without a space.
        Object stored = session.getAttribute(SESSION_ATTRIBUTE);
        if (!(stored instanceof String value)) {
            return null;
        }
        int space = value.indexOf(' ');
        return space > 0 && value.substring(space + 1).equals(owner(person))
                ? value.substring(0, space)
                : null;
    }

    private static String owner(Person person) {
        return person.organisationId().length() + ":" + person.organisationId() + person.userId();
    }

    /**
     * {@code scheme://host[:port]} of the request as the container sees it, default port left out.
     */
    static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // an IPv6 literal without its brackets
        }
        boolean defaultPort =
                port <= 0
                        || ("http".equals(scheme) && port == 80)
                        || ("https".equals(scheme) && port == 443);
        return (scheme + "://" + host + (defaultPort ? "" : ":" + port)).toLowerCase(Locale.ROOT);
    }

    private static String originOf(String referer) {
        if (referer == null) {
            return null;
        }
        try {
            URI uri = new URI(referer);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort =
                    port < 0
                            || ("http".equals(scheme) && port == 80)
                            || ("https".equals(scheme) && port == 443);
            return scheme + "://" + uri.getHost() + (defaultPort ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
