package dev.keyguard.admin.people;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Person;
import dev.keyguard.admin.people.PeopleHost.Container;
import dev.keyguard.admin.people.PeopleHost.Options;
import dev.keyguard.admin.testing.Reply;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard servlet's server side on a real container: the headers on every answer, what it
 * serves and what it refuses (methods, unknown files, {@code ..} in every spelling), caching, the
 * way to the host's login, the 403 and 503 pages, escaping of what the host's people directory
 * says, and the page's anti-CSRF token. Written once; each subclass names the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DashboardContract {

    static final String CSP =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                    + " connect-src 'self'; form-action 'self'; base-uri 'none';"
                    + " frame-ancestors 'none'";

    private PeopleHost host;

    protected abstract Container container();

    @BeforeAll
    void start() {
        host =
                PeopleHost.start(
                        container(),
                        Options.sessionPeople()
                                .param("keyguard.dashboard.login-url", "/login?next={return}"));
    }

    @AfterAll
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private Browser loggedIn() {
        String org = "org-" + UUID.randomUUID();
        return new Browser(host.base())
                .logIn(new Person(org, "ada", "Ada", "Lovelace", "ada@example.com"));
    }

    private static void assertSecured(Reply reply) {
        assertThat(reply.header("Content-Security-Policy")).isEqualTo(CSP);
        assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("Referrer-Policy")).isEqualTo("same-origin");
    }

    @Test
    void everyAnswerIsSecuredAndThePageIsNeverStored() {
        Browser browser = loggedIn();

        Reply page = browser.get("keyguard/");
        Reply script = browser.get("keyguard/assets/app.js");
        Reply style = browser.get("keyguard/assets/app.css");
        Reply missing = browser.get("keyguard/nothing");
        Reply anonymous = new Browser(host.base()).get("keyguard/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualToIgnoringCase("text/html;charset=utf-8");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(style.header("Content-Type")).startsWith("text/css");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Cache-Control")).isEqualTo("no-store");
        assertThat(anonymous.status()).isEqualTo(302);
        for (Reply reply : List.of(page, script, style, missing, anonymous)) {
            assertSecured(reply);
        }
    }

    @Test
    void onlyGetAndHeadAreAllowed() {
        Browser browser = loggedIn();

        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            Reply reply = browser.send(method, "keyguard/", null);
            assertThat(reply.status()).as(method).isEqualTo(405);
            assertThat(reply.header("Allow")).isEqualTo("GET, HEAD");
            assertSecured(reply);
        }
        Reply head = browser.send("HEAD", "keyguard/assets/app.js", null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void onlyTheListedAssetsAreServedWhateverThePathSays() {
        Browser browser = loggedIn();

        List<String> paths =
                List.of(
                        "keyguard/assets/nothing.js",
                        "keyguard/assets/assets.list",
                        "keyguard/assets/index.html",
                        "keyguard/index.html",
                        "keyguard/assets/../index.html",
                        "keyguard/assets/../../keyguard/index.html",
                        "keyguard/assets/%2e%2e/index.html",
                        "keyguard/assets/%2E%2E%2Findex.html",
                        "keyguard/assets/..%2findex.html",
                        "keyguard/assets/..%5cindex.html",
                        "keyguard/assets/app.js%00",
                        "keyguard/assets/app.js/",
                        "keyguard/assets//app.js/../../index.html",
                        "keyguard/assets/./assets.list");
        for (String path : paths) {
            Reply reply = browser.get(path);
            // The dashboard's own 404, or the container refusing an ambiguous path outright.
            assertThat(reply.status()).as(path).isIn(400, 404);
            assertThat(reply.text()).as(path).doesNotContain("{{").doesNotContain("keyguard-csrf");
        }
    }

    @Test
    void anAssetIsRevalidatedByItsEntityTag() {
        Browser browser = loggedIn();
        Reply first = browser.get("keyguard/assets/app.js");
        String etag = first.header("ETag");

        Reply again = browser.get("keyguard/assets/app.js", "If-None-Match", etag);
        Reply changed = browser.get("keyguard/assets/app.js", "If-None-Match", "\"other\"");

        assertThat(etag).matches("\"[0-9a-f]{24}\"");
        assertThat(first.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertSecured(again);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(first.body());
    }

    @Test
    void theMountWithoutItsSlashRedirectsToIt() {
        Browser browser = loggedIn();

        Reply bare = browser.get("keyguard");
        Reply withQuery = browser.get("keyguard?tab=events");

        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.header("Location")).endsWith("/keyguard/");
        assertThat(withQuery.header("Location")).endsWith("/keyguard/?tab=events");
    }

    @Test
    void somebodyNotLoggedInIsSentToTheHostsLoginWithTheWayBack() {
        Reply reply = new Browser(host.base()).get("keyguard/");

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).endsWith("/login?next=%2Fkeyguard%2F");
        assertThat(reply.header("Location")).doesNotStartWith("//");
    }

    @Test
    void whatThePeopleDirectorySaysComesOutEscaped() {
        Browser browser =
                new Browser(host.base())
                        .logIn(
                                new Person(
                                        "acme\"><img src=x onerror=alert(1)>",
                                        "u'\"<b>",
                                        "<script>alert(1)</script>",
                                        "O'Brien \"&\" co",
                                        null));

        String page = browser.get("keyguard/").text();

        assertThat(page)
                .doesNotContain("<script>alert(1)</script>")
                .doesNotContain("<img src=x")
                .doesNotContain("<b>")
                .doesNotContain("O'Brien")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Brien &quot;&amp;&quot; co")
                .contains("acme&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
                .contains("<meta name=\"keyguard-user\" content=\"u&#39;&quot;&lt;b&gt;\">");
    }

    @Test
    void thePageCarriesItsSessionsTokenWhichTheApiTakes() {
        Browser browser = loggedIn();
        String token = browser.csrfToken();
        Browser other = loggedIn();

        assertThat(browser.csrfToken()).isEqualTo(token);
        assertThat(other.csrfToken()).isNotEqualTo(token);
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        Reply created =
                browser.send(
                        "POST",
                        "api/v1/api-keys",
                        "{\"name\":\"from the page\"}",
                        "Origin",
                        host.origin(),
                        "X-CSRF-Token",
                        token);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    @Test
    void withoutTheFilterThePageSaysItIsNotSetUp() {
        try (PeopleHost bare = PeopleHost.start(container(), Options.keyguard().withoutFilter())) {
            Reply reply = new Browser(bare.base()).get("keyguard/");

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.text()).contains("keyguard.people.mapping");
            assertSecured(reply);
        }
    }

    @Test
    void withAFilterButNoPeopleThePageSaysItIsNotSetUp() {
        try (PeopleHost noPeople = PeopleHost.start(container(), Options.keyguard())) {
            Reply reply = new Browser(noPeople.base()).get("keyguard/");

            assertThat(reply.status()).isEqualTo(503);
            assertSecured(reply);
        }
    }

    @Test
    void aResolverThatThrowsGivesA503Page() {
        Browser browser = loggedIn();

        Reply reply;
        List<String> logged;
        try (LogCapture logs = LogCapture.open()) {
            reply = browser.get("keyguard/", SessionPerson.BREAK_HEADER, "yes");
            logged = logs.lines();
        }

        assertThat(reply.status()).isEqualTo(503);
        assertThat(logged).anyMatch(line -> line.contains("PersonResolver failed"));
        assertThat(logged).noneMatch(line -> line.contains(SessionPerson.FAILURE));
        assertThat(reply.text()).doesNotContain(SessionPerson.FAILURE);
        assertSecured(reply);
    }
}
