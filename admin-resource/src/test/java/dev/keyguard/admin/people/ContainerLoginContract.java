package dev.keyguard.admin.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keyguard.ApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.admin.people.PeopleHost.Container;
import dev.keyguard.admin.people.PeopleHost.Login;
import dev.keyguard.admin.people.PeopleHost.Options;
import dev.keyguard.admin.testing.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * People from the container's own login (FORM, BASIC) through {@code keyguard.people.mapping}
 * ({@code ContainerLogin}), and the people settings that must stop the web app: a bad mapping, a
 * resolver class that cannot be made, two sources at once. Also the drop-in's dashboard and its
 * session cookie. Written once; each subclass names the container.
 */
public abstract class ContainerLoginContract {

    static final String KEYS = "api/v1/api-keys";
    static final String MAPPING =
            "alice = acme, Alice, Smith, alice@acme.test\nbob = globex\n# carol may not\n";
    static final Map<String, String> USERS =
            Map.of("alice", "alice-pw", "bob", "bob-pw", "carol", "carol-pw");

    @TempDir Path dir;
    private PeopleHost host;

    protected abstract Container container();

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private PeopleHost start(Options options) {
        host = PeopleHost.start(container(), options);
        return host;
    }

    private Options formLoginWithMapping() {
        return Options.keyguard()
                .login(Login.FORM, USERS)
                .file("WEB-INF/keyguard-people.properties", MAPPING)
                .param("keyguard.people.mapping", "/WEB-INF/keyguard-people.properties");
    }

    /** The container's FORM login: a guarded page first, then the form's post. */
    private static Browser formPost(Browser browser, String user) {
        byte[] form =
                ("j_username=" + user + "&j_password=" + USERS.get(user))
                        .getBytes(StandardCharsets.UTF_8);
        browser.get("private/page");
        Reply reply = browser.sendBytes("POST", "j_security_check", form);
        assertThat(reply.status()).as(reply.toString()).isIn(302, 303);
        assertThat(browser.get("private/page").text()).contains("for " + user);
        return browser;
    }

    /** How the dashboard's page greets a person. */
    static String signedIn(String name, String organisation) {
        return "Signed in as <strong>"
                + name
                + "</strong> · organisation <strong>"
                + organisation
                + "</strong>";
    }

    private static boolean isLoginPage(Reply reply) {
        return reply.text().contains(HostPagesServlet.LOGIN_PAGE)
                || (reply.header("Location") != null
                        && reply.header("Location").contains("/login.html"));
    }

    @Test
    void aFormLoginIsThePersonTheMappingNames() {
        start(formLoginWithMapping());
        Browser alice = formPost(new Browser(host.base()), "alice");

        Reply page = alice.get("keyguard/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains(signedIn("Alice Smith", "acme"));
        Reply created =
                alice.send(
                        "POST",
                        KEYS,
                        "{\"name\":\"alice's\"}",
                        "Origin",
                        host.origin(),
                        "X-CSRF-Token",
                        alice.csrfToken());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(host.keyguard().service().list("acme"))
                .singleElement()
                .extracting(ApiKey::owner)
                .isEqualTo(
                        new KeyOwner(
                                "acme", new KeyUser("alice", "Alice", "Smith", "alice@acme.test")));

        Browser bob = formPost(new Browser(host.base()), "bob");
        assertThat(bob.get("keyguard/").text()).contains(signedIn("bob", "globex"));
        assertThat(bob.get(KEYS).json().get("data")).isEmpty();
    }

    @Test
    void aLoggedInUserTheMappingLacksIsNobody() {
        start(formLoginWithMapping());
        Browser carol = formPost(new Browser(host.base()), "carol");

        Reply page = carol.get("keyguard/");
        Reply keys = carol.get(KEYS);

        assertThat(page.status()).isEqualTo(403);
        assertThat(page.text()).contains("may not manage");
        assertThat(page.header("Content-Security-Policy")).isEqualTo(DashboardContract.CSP);
        assertThat(keys.status()).isEqualTo(401);
    }

    @Test
    void withoutALoginUrlTheDashboardAsksTheContainersLogin() {
        start(formLoginWithMapping());

        Reply reply = new Browser(host.base()).get("keyguard/");

        assertThat(isLoginPage(reply)).as(reply.toString()).isTrue();
        assertThat(reply.header("Content-Security-Policy"))
                .as("the host's login page keeps its own headers, not the dashboard's policy")
                .isNull();
    }

    @Test
    void aBasicLoginIsThePersonTheMappingNames() {
        start(
                Options.keyguard()
                        .login(Login.BASIC, USERS)
                        .file("WEB-INF/keyguard-people.properties", MAPPING)
                        .param("keyguard.people.mapping", "/WEB-INF/keyguard-people.properties"));
        Browser alice = new Browser(host.base());
        String basic =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8));

        Reply anonymous = alice.get("keyguard/");
        Reply page = alice.get("keyguard/", "Authorization", basic);

        // The dashboard asks the container (request.authenticate): its BASIC challenge, then the
        // person. The admin API is not constrained, so there BASIC is the container's business:
        // Tomcat reads no credentials on an unconstrained path (401), and Jetty's deferred BASIC
        // fails once a session exists (503); see the helper's report.
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        assertThat(page.text()).contains(signedIn("Alice Smith", "acme"));
    }

    @Test
    void theMappingMayBeAFileUrl() throws Exception {
        Path mapping = dir.resolve("people.properties");
        Files.writeString(mapping, MAPPING);
        start(
                Options.keyguard()
                        .login(Login.FORM, USERS)
                        .param("keyguard.people.mapping", mapping.toUri().toString()));

        Browser alice = formPost(new Browser(host.base()), "alice");

        assertThat(alice.get("keyguard/").text()).contains(signedIn("Alice Smith", "acme"));
    }

    /** What the container said when the web app did not start: its exception, its log. */
    private String startFails(Options options) {
        try (LogCapture logs = LogCapture.open()) {
            IllegalStateException refused =
                    catchThrowableOfType(IllegalStateException.class, () -> start(options));
            assertThat(refused).isNotNull();
            StringBuilder said = new StringBuilder();
            for (Throwable t = refused; t != null; t = t.getCause()) {
                said.append(t).append('\n');
                for (Throwable suppressed : t.getSuppressed()) {
                    said.append(suppressed).append('\n');
                }
            }
            return said + String.join("\n", logs.lines());
        }
    }

    @Test
    void aBadMappingLineStopsTheWebAppNamingTheLogin() {
        String logged =
                startFails(
                        Options.keyguard()
                                .file(
                                        "WEB-INF/keyguard-people.properties",
                                        "alice = acme\ndave =\neve = a, b, c, d, e\n")
                                .param(
                                        "keyguard.people.mapping",
                                        "/WEB-INF/keyguard-people.properties"));

        assertThat(logged)
                .contains("keyguard.people.mapping")
                .contains("'dave'")
                .contains("'eve'")
                .doesNotContain("'alice'");
    }

    @Test
    void aMissingMappingStopsTheWebApp() {
        String logged =
                startFails(
                        Options.keyguard()
                                .param("keyguard.people.mapping", "/WEB-INF/nowhere.properties"));

        assertThat(logged).contains("keyguard.people.mapping names /WEB-INF/nowhere.properties");
    }

    @Test
    void aResolverClassThatCannotBeMadeStopsTheWebAppSayingWhy() {
        String missing =
                startFails(
                        Options.keyguard().param("keyguard.people.resolver", "com.example.Nope"));
        String noConstructor =
                startFails(
                        Options.keyguard()
                                .param(
                                        "keyguard.people.resolver",
                                        WrongResolvers.WithoutNoArgConstructor.class.getName()));
        String notOne =
                startFails(
                        Options.keyguard()
                                .param(
                                        "keyguard.people.resolver",
                                        WrongResolvers.NotAResolver.class.getName()));

        assertThat(missing).contains("com.example.Nope, which the web app has not");
        assertThat(noConstructor).contains("which has no public no-argument constructor");
        assertThat(notOne).contains("which does not implement dev.keyguard.spi.PersonResolver");
    }

    @Test
    void aMappingAndAResolverTogetherAreRefused() {
        String logged =
                startFails(
                        Options.sessionPeople()
                                .file("WEB-INF/keyguard-people.properties", MAPPING)
                                .param(
                                        "keyguard.people.mapping",
                                        "/WEB-INF/keyguard-people.properties"));

        assertThat(logged)
                .contains("People come from one place")
                .contains("keyguard.people.mapping")
                .contains("keyguard.people.resolver");
    }

    @Test
    void theDropInMountsTheDashboardAndMakesTheSessionCookieHttpOnlyAndLax() {
        start(
                formLoginWithMapping()
                        .param("keyguard.url-patterns", "/api/v1/leads")
                        .param("keyguard.dashboard.path", "/account/keys")
                        .dropIn());
        Browser browser = new Browser(host.base());

        Reply first = browser.get("account/keys/");
        List<String> cookies = first.headers().allValues("Set-Cookie");
        Browser alice = formPost(browser, "alice");
        Reply page = alice.get("account/keys/");

        assertThat(isLoginPage(first)).as(first.toString()).isTrue();
        assertThat(cookies)
                .anySatisfy(
                        cookie ->
                                assertThat(cookie)
                                        .startsWith("JSESSIONID=")
                                        .containsIgnoringCase("; HttpOnly")
                                        .containsIgnoringCase("; SameSite=Lax"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains(signedIn("Alice Smith", "acme"));
        assertThat(alice.get(KEYS).status()).isEqualTo(200);
        assertThat(alice.get("api/v1/leads").status()).isEqualTo(401);
    }
}
