package dev.keyguard.admin.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyguard.ApiKey;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyEvent;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.Person;
import dev.keyguard.admin.people.PeopleHost.Container;
import dev.keyguard.admin.people.PeopleHost.Options;
import dev.keyguard.admin.testing.Reply;
import dev.keyguard.internal.key.KeyHash;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract's "People, not only programs", played against a real host app ({@link PeopleHost}):
 * a person logged in to the host (its own session, {@link SessionPerson}) manages their
 * organisation's keys through the admin API without a key, and only theirs; every change needs the
 * dashboard's proof (same origin and the session's anti-CSRF token), and every forgery a browser on
 * another site could make is refused with 403 {@code csrf_failed} and changes nothing; a login
 * opens the admin API and nothing else of the host's. Written once; each subclass names the
 * container, its JVM the JAX-RS runtime.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PeopleAdminApiContract {

    static final String KEYS = "api/v1/api-keys";
    static final String PROXY_ORIGIN = "https://app.example.com";

    private PeopleHost host;
    private Keyguard keyguard;
    private final List<String> secrets = new ArrayList<>();
    private LogCapture logs;

    protected abstract Container container();

    @BeforeAll
    void start() {
        logs = LogCapture.open();
        host =
                PeopleHost.start(
                        container(),
                        Options.sessionPeople().param("keyguard.people.origins", PROXY_ORIGIN));
        keyguard = host.keyguard();
    }

    @AfterAll
    void stop() {
        if (host != null) {
            host.close();
        }
        // Log hygiene over every flow of the class: no token, session id, raw key or key hash.
        List<String> lines = logs.lines();
        logs.close();
        assertThat(secrets).isNotEmpty();
        for (String secret : secrets) {
            assertThat(lines).noneMatch(line -> line.contains(secret));
        }
    }

    /** A person of an organisation of their own, logged in with a browser of their own. */
    private Browser loggedIn(Person person) {
        Browser browser = new Browser(host.base()).logIn(person);
        remember(browser);
        return browser;
    }

    private void remember(Browser browser) {
        browser.cookies().values().forEach(secrets::add);
    }

    private static Person ada(String org) {
        return new Person(org, "ada-" + org, "Ada", "Lovelace", "ada@" + org + ".test");
    }

    private static String org() {
        return "org-" + UUID.randomUUID();
    }

    /** A change as the dashboard's page sends it: its origin, its session's token. */
    private Reply change(Browser browser, String method, String path, String json) {
        String token = browser.csrfToken();
        secrets.add(token);
        return browser.send(method, path, json, "Origin", host.origin(), "X-CSRF-Token", token);
    }

    private CreatedApiKey keyOf(String org) {
        CreatedApiKey created =
                keyguard.service()
                        .create(new KeyOwner(org, new KeyUser("op", null, null, null)), "k", null);
        secrets.add(created.rawKey());
        secrets.add(KeyHash.sha256Hex(created.rawKey()));
        return created;
    }

    private List<KeyEvent> events(String org) {
        return keyguard.service().events(org, null, 200).events();
    }

    @Test
    void aPersonListsCreatesGetsRotatesAndRevokesTheirOrganisationsKeys() {
        String org = org();
        Person person = ada(org);
        Browser browser = loggedIn(person);

        Reply empty = browser.get(KEYS);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("data")).isEmpty();

        Reply created = change(browser, "POST", KEYS, "{\"name\":\"deploy\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode key = created.json().get("data");
        String id = key.get("id").asText();
        secrets.add(key.get("key").asText());
        secrets.add(KeyHash.sha256Hex(key.get("key").asText()));
        assertThat(keyguard.service().list(org))
                .singleElement()
                .extracting(ApiKey::owner)
                .isEqualTo(
                        new KeyOwner(
                                org,
                                new KeyUser(person.userId(), "Ada", "Lovelace", person.email())));
        // The key works as any key does, on the host's own API.
        Reply leads =
                new Browser(host.base())
                        .get("api/v1/leads", "Authorization", "Bearer " + key.get("key").asText());
        assertThat(leads.text()).isEqualTo("/api/v1/leads for " + id + " (KeyguardPrincipal)");

        Reply one = browser.get(KEYS + "/" + id);
        assertThat(one.status()).isEqualTo(200);
        JsonNode shown = one.json().get("data");
        assertThat(shown.get("name").asText()).isEqualTo("deploy");
        assertThat(shown.get("user").get("firstName").asText()).isEqualTo("Ada");
        assertThat(shown.get("user").get("lastName").asText()).isEqualTo("Lovelace");
        assertThat(shown.get("user").get("email").asText()).isEqualTo(person.email());
        assertThat(browser.get(KEYS).json().get("data")).hasSize(1);

        Reply rotated =
                change(browser, "POST", KEYS + "/" + id + "/rotate", "{\"gracePeriodSeconds\":0}");
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(201);
        String newId = rotated.json().get("data").get("id").asText();
        secrets.add(rotated.json().get("data").get("key").asText());

        Reply revoked = change(browser, "DELETE", KEYS + "/" + newId, null);
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
        // Left: the replaced key, expired at once (grace 0), shown as the contract says.
        assertThat(keyguard.service().list(org)).extracting(ApiKey::id).containsExactly(id);

        // The audit trail names the person, and no key, for every change.
        Reply trail = browser.get(KEYS + "/events");
        assertThat(trail.status()).isEqualTo(200);
        JsonNode events = trail.json().get("data").get("events");
        assertThat(events).hasSize(4); // created, created (replacement) + rotated, revoked
        for (JsonNode event : events) {
            assertThat(event.get("actor").get("userId").asText()).isEqualTo(person.userId());
            assertThat(event.get("actor").get("keyId").isNull()).isTrue();
        }
    }

    @Test
    void aPersonOfAnotherOrganisationGets404OnTheFirstsKeysAndSeesNone() {
        String first = org();
        Browser owner = loggedIn(ada(first));
        String id =
                change(owner, "POST", KEYS, "{\"name\":\"first's\"}")
                        .json()
                        .get("data")
                        .get("id")
                        .asText();
        Browser other = loggedIn(ada(org()));

        Reply get = other.get(KEYS + "/" + id);
        Reply delete = change(other, "DELETE", KEYS + "/" + id, null);
        Reply rotate = change(other, "POST", KEYS + "/" + id + "/rotate", "{}");
        Reply unknown = other.get(KEYS + "/key_AAAAAAAAAAAAAAAAAAAA");

        for (Reply reply : List.of(get, delete, rotate)) {
            assertThat(reply.status()).as(reply.text()).isEqualTo(404);
            assertThat(reply.json().get("error").get("code").asText()).isEqualTo("not_found");
        }
        assertThat(get.text()).isEqualTo(unknown.text());
        assertThat(other.get(KEYS).json().get("data")).isEmpty();
        assertThat(other.get(KEYS + "/events").json().get("data").get("events")).isEmpty();
        assertThat(keyguard.service().list(first)).extracting(ApiKey::id).containsExactly(id);
    }

    @Test
    void aPersonReadsTheUsageOfTheirOrganisationsKeyAndAnotherGets404() {
        Browser owner = loggedIn(ada(org()));
        JsonNode key = change(owner, "POST", KEYS, "{\"name\":\"used\"}").json().get("data");
        secrets.add(key.get("key").asText());
        String id = key.get("id").asText();
        for (int i = 0; i < 4; i++) {
            assertThat(keyguard.verify(key.get("key").asText())).isPresent();
        }
        KeyguardInternals.of(keyguard).usage().flush();
        Browser other = loggedIn(ada(org()));

        Reply mine = owner.get(KEYS + "/" + id + "/usage?days=3");
        Reply theirs = other.get(KEYS + "/" + id + "/usage?days=3");

        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        assertThat(mine.json().get("data").get("days")).hasSize(3);
        assertThat(mine.json().get("data").get("total").asLong()).isEqualTo(4);
        assertThat(theirs.status()).as(theirs.text()).isEqualTo(404);
        assertThat(theirs.json().get("error").get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void aPersonMayCreateAnUnrestrictedKeyAndKeysWithAnyDeclaredScopeButNoOther() {
        Browser browser = loggedIn(ada(org()));

        Reply unrestricted = change(browser, "POST", KEYS, "{\"name\":\"all\",\"scopes\":null}");
        Reply declared =
                change(
                        browser,
                        "POST",
                        KEYS,
                        "{\"name\":\"some\",\"scopes\":[\"leads:read\",\"leads:write\","
                                + "\"keys:manage\"]}");
        Reply undeclared =
                change(browser, "POST", KEYS, "{\"name\":\"bad\",\"scopes\":[\"reports:read\"]}");

        assertThat(unrestricted.status()).as(unrestricted.text()).isEqualTo(201);
        assertThat(unrestricted.json().get("data").get("scopes").isNull()).isTrue();
        assertThat(declared.status()).as(declared.text()).isEqualTo(201);
        assertThat(declared.json().get("data").get("scopes").toString())
                .isEqualTo("[\"keys:manage\",\"leads:read\",\"leads:write\"]");
        assertThat(undeclared.status()).isEqualTo(400);
        assertThat(undeclared.json().get("error").get("code").asText())
                .isEqualTo("validation_error");
        assertThat(browser.get(KEYS).json().get("data")).hasSize(2);
    }

    /** How a forged change differs from the dashboard's: its headers, given the right ones. */
    private enum Forgery {
        NO_TOKEN,
        WRONG_TOKEN,
        ANOTHER_SESSIONS_TOKEN,
        NO_ORIGIN_NO_REFERER,
        ORIGIN_OF_ANOTHER_PORT,
        ORIGIN_OF_ANOTHER_HOST,
        ORIGIN_NULL,
        SEC_FETCH_SITE_CROSS_SITE,
        SEC_FETCH_SITE_SAME_SITE,
        REFERER_OF_ANOTHER_ORIGIN
    }

    private String[] forgedHeaders(Forgery forgery, String token, String otherToken) {
        String origin = host.origin();
        String port = origin.substring(origin.lastIndexOf(':') + 1);
        return switch (forgery) {
            case NO_TOKEN -> new String[] {"Origin", origin};
            case WRONG_TOKEN ->
                    new String[] {"Origin", origin, "X-CSRF-Token", token.substring(1) + "A"};
            case ANOTHER_SESSIONS_TOKEN ->
                    new String[] {"Origin", origin, "X-CSRF-Token", otherToken};
            case NO_ORIGIN_NO_REFERER -> new String[] {"X-CSRF-Token", token};
            case ORIGIN_OF_ANOTHER_PORT ->
                    new String[] {
                        "Origin",
                        "http://127.0.0.1:" + (Integer.parseInt(port) == 1 ? 2 : 1),
                        "X-CSRF-Token",
                        token
                    };
            case ORIGIN_OF_ANOTHER_HOST ->
                    new String[] {"Origin", "http://localhost:" + port, "X-CSRF-Token", token};
            case ORIGIN_NULL -> new String[] {"Origin", "null", "X-CSRF-Token", token};
            case SEC_FETCH_SITE_CROSS_SITE ->
                    new String[] {
                        "Origin", origin, "X-CSRF-Token", token, "Sec-Fetch-Site", "cross-site"
                    };
            case SEC_FETCH_SITE_SAME_SITE ->
                    new String[] {
                        "Origin", origin, "X-CSRF-Token", token, "Sec-Fetch-Site", "same-site"
                    };
            case REFERER_OF_ANOTHER_ORIGIN ->
                    new String[] {
                        "Referer", "https://evil.example/" + origin, "X-CSRF-Token", token
                    };
        };
    }

    @Test
    void everyForgedChangeIsRefusedWithCsrfFailedAndChangesNothing() {
        String org = org();
        Person person = ada(org);
        Browser browser = loggedIn(person);
        String token = browser.csrfToken();
        Browser otherSession = loggedIn(person);
        String otherToken = otherSession.csrfToken();
        secrets.add(token);
        secrets.add(otherToken);
        assertThat(otherToken).isNotEqualTo(token);
        String id = keyOf(org).key().id();
        List<KeyEvent> before = events(org);

        for (Forgery forgery : Forgery.values()) {
            String[] headers = forgedHeaders(forgery, token, otherToken);
            List<Reply> replies =
                    List.of(
                            browser.send("POST", KEYS, "{\"name\":\"forged\"}", headers),
                            browser.send("POST", KEYS + "/" + id + "/rotate", "{}", headers),
                            browser.send("DELETE", KEYS + "/" + id, null, headers));
            for (Reply reply : replies) {
                assertThat(reply.status()).as(forgery + ": " + reply.text()).isEqualTo(403);
                assertThat(reply.header("Content-Type")).startsWith("application/json");
                assertThat(reply.text())
                        .as(forgery.name())
                        .isEqualTo(
                                "{\"success\":false,\"error\":{\"code\":\"csrf_failed\","
                                        + "\"message\":\"This change must come from the dashboard"
                                        + " page: its origin or anti-CSRF token is missing or"
                                        + " wrong. Reload the page and try again.\"}}");
            }
        }

        assertThat(keyguard.service().list(org)).extracting(ApiKey::id).containsExactly(id);
        assertThat(events(org)).isEqualTo(before);
        // The same session's requests with the proof pass, on each of the three changes.
        assertThat(change(browser, "POST", KEYS, "{\"name\":\"real\"}").status()).isEqualTo(201);
        Reply rotated = change(browser, "POST", KEYS + "/" + id + "/rotate", "{}");
        assertThat(rotated.status()).isEqualTo(201);
        String newId = rotated.json().get("data").get("id").asText();
        assertThat(change(browser, "DELETE", KEYS + "/" + newId, null).status()).isEqualTo(200);
    }

    @Test
    void aTokenMadeForOnePersonIsRefusedWhenTheSessionHoldsAnother() {
        // A host login that keeps the session (or only changes its id) hands it to the next person
        // with whatever it held: the page's token of the person before must not carry over.
        String adasOrg = org();
        Browser browser = loggedIn(ada(adasOrg));
        String adasToken = browser.csrfToken();
        secrets.add(adasToken);
        String bobsOrg = org();
        Person bob = new Person(bobsOrg, "bob", "Bob", null, null);
        browser.logIn(bob);
        remember(browser);

        Reply withAdasToken =
                browser.send(
                        "POST",
                        KEYS,
                        "{\"name\":\"ada's token\"}",
                        "Origin",
                        host.origin(),
                        "X-CSRF-Token",
                        adasToken);

        assertThat(withAdasToken.status()).as(withAdasToken.text()).isEqualTo(403);
        assertThat(withAdasToken.json().get("error").get("code").asText()).isEqualTo("csrf_failed");
        assertThat(keyguard.service().list(bobsOrg)).isEmpty();
        String bobsToken = browser.csrfToken();
        secrets.add(bobsToken);
        assertThat(bobsToken).isNotEqualTo(adasToken);
        assertThat(change(browser, "POST", KEYS, "{\"name\":\"bob's\"}").status()).isEqualTo(201);
    }

    @Test
    void theRightOriginOrOnlyASameOriginRefererWithTheTokenPasses() {
        Browser browser = loggedIn(ada(org()));
        String token = browser.csrfToken();
        secrets.add(token);

        Reply withOrigin =
                browser.send(
                        "POST",
                        KEYS,
                        "{\"name\":\"a\"}",
                        "Origin",
                        host.origin(),
                        "X-CSRF-Token",
                        token,
                        "Sec-Fetch-Site",
                        "same-origin");
        Reply withReferer =
                browser.send(
                        "POST",
                        KEYS,
                        "{\"name\":\"b\"}",
                        "Referer",
                        host.origin() + "/keyguard/",
                        "X-CSRF-Token",
                        token);
        Reply fromTheProxy =
                browser.send(
                        "POST",
                        KEYS,
                        "{\"name\":\"c\"}",
                        "Origin",
                        PROXY_ORIGIN,
                        "X-CSRF-Token",
                        token);

        assertThat(withOrigin.status()).as(withOrigin.text()).isEqualTo(201);
        assertThat(withReferer.status()).as(withReferer.text()).isEqualTo(201);
        assertThat(fromTheProxy.status()).as(fromTheProxy.text()).isEqualTo(201);
    }

    @Test
    void readingNeedsNoToken() {
        Browser browser = loggedIn(ada(org()));

        assertThat(browser.get(KEYS).status()).isEqualTo(200);
        assertThat(browser.get(KEYS + "/events").status()).isEqualTo(200);
        assertThat(
                        browser.get(
                                        KEYS,
                                        "Origin",
                                        "https://evil.example",
                                        "Sec-Fetch-Site",
                                        "cross-site")
                                .status())
                .isEqualTo(200);
    }

    @Test
    void aKeyNeedsNoTokenAndWinsOverTheSession() {
        String personsOrg = org();
        Browser browser = loggedIn(ada(personsOrg));
        String keysOrg = org();
        CreatedApiKey key = keyOf(keysOrg);

        Reply created =
                browser.send(
                        "POST",
                        KEYS,
                        "{\"name\":\"by key\"}",
                        "Authorization",
                        "Bearer " + key.rawKey(),
                        "Origin",
                        "https://evil.example");
        Reply badKey =
                browser.send("GET", KEYS, null, "Authorization", "Bearer " + key.rawKey() + "x");

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        secrets.add(created.json().get("data").get("key").asText());
        assertThat(keyguard.service().list(keysOrg)).hasSize(2);
        assertThat(keyguard.service().list(personsOrg)).isEmpty();
        assertThat(events(keysOrg).get(0).actor().keyId()).isEqualTo(key.key().id());
        assertThat(badKey.status()).isEqualTo(401);
        assertThat(badKey.json().get("error").get("code").asText()).isEqualTo("unauthorized");
    }

    @Test
    void aLoginDoesNotOpenTheHostsOwnGuardedPaths() {
        Browser browser = loggedIn(ada(org()));
        String token = browser.csrfToken();
        secrets.add(token);

        Reply get = browser.get("api/v1/leads");
        Reply post =
                browser.send(
                        "POST",
                        "api/v1/leads",
                        "{}",
                        "Origin",
                        host.origin(),
                        "X-CSRF-Token",
                        token);

        for (Reply reply : List.of(get, post)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer realm=");
            assertThat(reply.text()).doesNotContain("leads");
        }
    }

    @Test
    void nobodyLoggedInGets401AsWithoutPeople() {
        Browser anonymous = new Browser(host.base());

        Reply list = anonymous.get(KEYS);
        Reply create = anonymous.send("POST", KEYS, "{\"name\":\"x\"}", "Origin", host.origin());

        for (Reply reply : List.of(list, create)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().get("error").get("code").asText()).isEqualTo("unauthorized");
        }
    }

    @Test
    void aResolverThatThrowsIsAnswered503AndLoggedWithoutSecrets() {
        Browser browser = loggedIn(ada(org()));
        String token = browser.csrfToken();
        secrets.add(token);
        int before = logs.lines().size();

        Reply reply =
                browser.send(
                        "GET",
                        KEYS,
                        null,
                        SessionPerson.BREAK_HEADER,
                        "yes",
                        "X-CSRF-Token",
                        token);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo("unavailable");
        List<String> logged = logs.lines().subList(before, logs.lines().size());
        // The failure's kind, not its message, which may quote a session id or a user's details.
        assertThat(logged)
                .anyMatch(
                        line ->
                                line.contains("PersonResolver failed")
                                        && line.contains("java.lang.IllegalStateException"));
        assertThat(logged).noneMatch(line -> line.contains(SessionPerson.FAILURE));
    }

    @Test
    void peoplePathsLetPeopleInOnAnotherMountAndOnlyThere() {
        try (PeopleHost other =
                PeopleHost.start(
                        container(),
                        Options.sessionPeople().param("keyguard.people.paths", "/api/v1/leads"))) {
            Browser browser = new Browser(other.base()).logIn(ada(org()));
            remember(browser);

            Reply leads = browser.get("api/v1/leads");
            Reply keys = browser.get(KEYS);

            assertThat(leads.status()).isEqualTo(200);
            assertThat(leads.text()).contains("for ada-").contains("(Person)");
            assertThat(keys.status()).isEqualTo(401);
        }
    }
}
