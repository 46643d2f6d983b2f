package dev.keyguard.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyguard.demo.DemoClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The dashboard in a real browser, written once for every way the demo WAR runs: embedded Jetty
 * ({@link DashboardBrowserTest}) and stock Tomcat 11 ({@code containers.DashboardBrowserIT}). A
 * subclass starts the demo with {@link #PASSWORD} for its users and a short {@code
 * keyguard.last-used.flush-interval}; each test logs in on the landing page and first revokes its
 * organisation's keys, so the tests need no order. Every state a person sees is captured ({@link
 * Browser#capture}: a screenshot and axe-core's rules).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
public abstract class DashboardScenario {

    /** The demo users' password in these tests. */
    public static final String PASSWORD = "browser-test-password";

    /** The flush interval the demo must run with, so a use shows on the page soon. */
    public static final String FLUSH_INTERVAL = "1s";

    private static final String ALICE = "alice@acme.example";
    private static final String BOB = "bob@globex.example";
    private static final Duration LAST_USED_WITHIN = Duration.ofSeconds(30);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private String unavailable;
    private Browser browser;
    private DashboardPage page;
    private DemoClient api;

    /**
     * Starts the demo with {@link #PASSWORD} and {@link #FLUSH_INTERVAL}.
     *
     * @return its context root, ending in {@code /}
     */
    protected abstract URI startDemo() throws Exception;

    protected abstract void stopDemo() throws Exception;

    @BeforeAll
    void start() throws Exception {
        unavailable = Browser.unavailable().orElse(null);
        if (unavailable != null) {
            System.err.println(getClass().getSimpleName() + " skipped: " + unavailable);
            return;
        }
        browser = Browser.start();
        URI base = startDemo();
        page = new DashboardPage(browser.driver(), base);
        api = new DemoClient(base);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            stopDemo();
        }
    }

    @BeforeEach
    void begin(TestInfo test) throws Exception {
        Assumptions.assumeTrue(unavailable == null, unavailable);
        browser.beginTest(
                getClass().getSimpleName() + "." + test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void aPersonCreatesUsesRotatesAndRevokesAKey() throws Exception {
        page.logIn(ALICE, PASSWORD).revokeAll();
        page.open();
        assertThat(page.keyIds()).isEmpty();
        assertThat(page.emptyStateShown()).isTrue();
        browser.capture("empty");

        page.openCreate();
        browser.capture("create-dialog");
        page.fillCreate("Reporting", List.of("leads:read"));
        page.submitCreate();
        String key = page.secret();
        assertThat(key).matches("ll_[0-9a-f]{64}");
        assertThat(page.dialog("kg-secret").getText()).containsIgnoringCase("you will not see");
        assertThat(page.dialog("kg-secret").findElement(By.id("kg-secret-copy")).isDisplayed())
                .isTrue();
        browser.capture("secret-dialog");
        page.closeSecret();

        assertThat(page.emptyStateShown()).isFalse();
        assertThat(page.keyIds()).hasSize(1);
        String id = page.keyIds().get(0);
        assertThat(page.field(id, "name")).isEqualTo("Reporting");
        assertThat(key).startsWith(prefix(id));
        assertThat(page.field(id, "scopes")).contains("leads:read");
        assertThat(page.field(id, "created-by")).contains("Alice");
        assertThat(page.field(id, "last-used")).isEqualTo("Never");
        assertThat(page.body().getText()).doesNotContain(key);

        assertThat(api.get("api/v1/leads", key).statusCode()).isEqualTo(200);
        assertThat(api.post("api/v1/leads", key, "{\"company\":\"A\",\"contact\":\"B\"}"))
                .as("a leads:read key may not write")
                .satisfies(response -> assertThat(response.statusCode()).isEqualTo(403));
        awaitLastUsedShown(id);
        browser.capture("list");
        awaitUsage(id, 2); // the 403 of a write counts too: the key passed verification
        WebElement usage = page.dialog("kg-usage");
        assertThat(usage.getText()).contains("2 requests in the last 30 days");
        assertThat(usage.findElements(By.cssSelector("svg.kg-chart rect.kg-bar"))).hasSize(30);
        assertThat(usage.findElement(By.cssSelector("svg.kg-chart")).getDomAttribute("aria-label"))
                .startsWith("2 requests from");
        assertThat(usage.findElements(By.cssSelector(".kg-usage-table tbody tr"))).hasSize(30);
        assertThat(page.focusInside("kg-usage")).isTrue();
        browser.capture("usage-dialog");
        page.closeUsage();
        assertThat(page.script("return document.activeElement.dataset.action;"))
                .as("focus back on the row's Usage button")
                .isEqualTo("usage");

        page.openRotate(id);
        assertThat(page.rotateGrace().getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("86400");
        assertThat(page.rotateGrace().getOptions().stream().map(o -> o.getDomAttribute("value")))
                .containsExactly("0", "3600", "86400", "604800");
        browser.capture("rotate-dialog");
        page.rotateGrace().selectByValue("0");
        page.dialog("kg-rotate").findElement(By.id("kg-rotate-confirm")).click();
        String rotated = page.secret();
        assertThat(rotated).matches("ll_[0-9a-f]{64}").isNotEqualTo(key);
        page.closeSecret();
        assertThat(api.get("api/v1/leads", rotated).statusCode()).isEqualTo(200);
        assertThat(api.get("api/v1/leads", key).statusCode())
                .as("the old key, rotated with no grace")
                .isEqualTo(401);
        String newId = page.keyIds().stream().filter(k -> !k.equals(id)).findFirst().orElseThrow();
        assertThat(page.field(newId, "name")).isEqualTo("Reporting");
        assertThat(rotated).startsWith(prefix(newId));
        WebElement ended = page.row(id).findElement(By.className("kg-expires"));
        assertThat(ended.getDomAttribute("class"))
                .as("the old key's expiry")
                .contains("kg-warning");
        assertThat(ended.getText()).contains("Expired");

        page.openRevoke(newId);
        assertThat(page.dialog("kg-revoke").getText()).contains("Reporting");
        browser.capture("revoke-dialog");
        page.confirmRevoke();
        assertThat(page.keyIds()).doesNotContain(newId);
        assertThat(api.get("api/v1/leads", rotated).statusCode()).isEqualTo(401);

        page.open();
        Map<String, List<String>> trail =
                page.events().stream()
                        .filter(event -> event.getValue().contains("Reporting"))
                        .collect(
                                Collectors.groupingBy(
                                        Map.Entry::getKey,
                                        Collectors.mapping(
                                                Map.Entry::getValue, Collectors.toList())));
        assertThat(trail).containsKeys("created", "rotated", "revoked");
        assertThat(trail.get("created")).as("the key and its replacement").hasSize(2);
        browser.capture("audit-trail");
        page.revokeAll();
    }

    @Test
    void aFailedChangeIsToldAsASentence() throws Exception {
        page.logIn(ALICE, PASSWORD).revokeAll();
        String id = page.createByApi("Gone meanwhile").at("/id").asText();
        page.open();
        page.openRevoke(id);
        assertThat(page.api("DELETE", "/" + id, null).status()).isEqualTo(200);
        page.confirmRevoke();

        assertSentence(page.message());
        browser.capture("error-message");
        assertThat(page.keyIds()).doesNotContain(id);
    }

    @Test
    void theEleventhKeyIsRefusedWithASentence() throws Exception {
        page.logIn(ALICE, PASSWORD).revokeAll();
        for (int i = 1; i <= 10; i++) {
            page.createByApi("Key " + i);
        }
        page.open();
        assertThat(page.keyIds()).hasSize(10);

        page.openCreate();
        page.fillCreate("Eleventh", List.of());
        page.submitCreate();
        assertThat(page.isOpen("kg-secret")).isFalse();
        assertThat(page.isOpen("kg-create")).isTrue();
        assertSentence(page.createError());
        browser.capture("limit-error");
        driverPress(Keys.ESCAPE);
        page.awaitClosed("kg-create");
        assertThat(page.open().keyIds()).hasSize(10);
        page.revokeAll();
    }

    @Test
    void aKeyIsCreatedWithTheKeyboardAlone() throws Exception {
        page.logIn(ALICE, PASSWORD).revokeAll();
        page.open();

        tabTo("kg-new-key");
        driverPress(Keys.ENTER);
        page.awaitOpen("kg-create");
        assertThat(page.focusInside("kg-create")).as("focus moves into the dialog").isTrue();
        driverPress(Keys.ESCAPE);
        page.awaitClosed("kg-create");
        assertThat(page.focused()).as("focus back on the opener").isEqualTo("kg-new-key");

        driverPress(Keys.SPACE);
        page.awaitOpen("kg-create");
        tabTo("kg-create-name");
        driverPress("Typed only");
        tabTo("kg-create-all-scopes");
        if (page.dialog("kg-create").findElement(By.id("kg-create-all-scopes")).isSelected()) {
            driverPress(Keys.SPACE);
        }
        tabToScope("leads:read");
        driverPress(Keys.SPACE);
        tabTo("kg-create-submit");
        driverPress(Keys.ENTER);
        String key = page.secret();
        assertThat(key).matches("ll_[0-9a-f]{64}");
        tabTo("kg-secret-close");
        driverPress(Keys.ENTER);
        page.awaitClosed("kg-secret");
        page.awaitReady();
        assertThat(page.focused()).as("focus back on the opener").isEqualTo("kg-new-key");

        assertThat(page.keyIds()).hasSize(1);
        String id = page.keyIds().get(0);
        assertThat(page.field(id, "name")).isEqualTo("Typed only");
        assertThat(page.field(id, "scopes")).contains("leads:read").doesNotContain("leads:write");
        assertThat(api.get("api/v1/leads", key).statusCode()).isEqualTo(200);
        page.revokeAll();
    }

    @Test
    void theListAndADialogFitAPhone() throws Exception {
        page.logIn(ALICE, PASSWORD).revokeAll();
        for (String name : List.of("Nightly export", "CRM sync", "Billing")) {
            page.createByApi(name);
        }
        browser.viewport(Browser.PHONE);
        page.open();
        assertThat(page.keyIds()).hasSize(3);
        assertNoSidewaysScrolling();
        browser.capture("phone-list");

        page.openCreate();
        assertNoSidewaysScrolling();
        assertThat(page.dialog("kg-create").getRect().getWidth()).isLessThanOrEqualTo(360);
        browser.capture("phone-create-dialog");
        driverPress(Keys.ESCAPE);
        page.awaitClosed("kg-create");

        assertThat(page.openUsage(page.keyIds().get(0))).isZero();
        assertNoSidewaysScrolling();
        assertThat(page.dialog("kg-usage").getRect().getWidth()).isLessThanOrEqualTo(360);
        browser.capture("phone-usage-dialog");
        driverPress(Keys.ESCAPE);
        page.awaitClosed("kg-usage");
        page.revokeAll();
    }

    @Test
    void anotherSiteCannotChangeKeysWithThePersonsSession() throws Exception {
        page.logIn(ALICE, PASSWORD).revokeAll();
        JsonNode target = page.createByApi("Target");
        String id = target.at("/id").asText();
        String key = target.at("/key").asText();
        JsonNode newestEvents = newestEvents();
        URI keysApi = page.base().resolve("api/v1/api-keys");

        String cookies;
        try (AttackerSite attacker = AttackerSite.start(keysApi, id)) {
            browser.driver().get(attacker.uri().toString());
            page.wait("the other site's page to send its requests")
                    .until(d -> page.body().getDomAttribute("data-attack-sent") != null);
            browser.driver().findElement(By.id("attack-submit")).click();
            page.wait("the other site's form to post to the demo")
                    .until(d -> d.getCurrentUrl().equals(keysApi.toString()));
            assertThat(page.body().getText())
                    .as("the demo's answer to the other site's form")
                    .contains("csrf_failed");

            cookies =
                    browser.driver().manage().getCookies().stream()
                            .map(c -> c.getName() + "=" + c.getValue())
                            .collect(Collectors.joining("; "));
            assertThat(browser.driver().manage().getCookies())
                    .extracting(Cookie::isHttpOnly)
                    .contains(true);
            page.open();
            String token = page.csrfToken();
            assertRefusedAsForged(replay(cookies, attacker.origin(), null));
            assertRefusedAsForged(replay(cookies, attacker.origin(), "not-the-token"));
            assertRefusedAsForged(replay(cookies, attacker.origin(), token));
            assertRefusedAsForged(replay(cookies, originOf(page.base()), "not-the-token"));
            assertRefusedAsForged(replay(cookies, null, token));
        }

        page.open();
        assertThat(page.keyIds()).as("nothing created or rotated").containsExactly(id);
        assertThat(newestEvents()).as("no event since").isEqualTo(newestEvents);
        assertThat(api.get("api/v1/leads", key).statusCode()).isEqualTo(200);

        HttpResponse<String> proven = replay(cookies, originOf(page.base()), page.csrfToken());
        assertThat(proven.statusCode())
                .as("the same request with the page's origin and token: %s", proven.body())
                .isEqualTo(201);
        page.revokeAll();
    }

    @Test
    void anotherOrganisationSeesNoneOfTheKeysAndCannotTouchThem() throws Exception {
        page.logIn(ALICE, PASSWORD).revokeAll();
        JsonNode alices = page.createByApi("Acme production");
        String id = alices.at("/id").asText();
        page.logOut();

        page.logIn(BOB, PASSWORD).revokeAll();
        page.open();
        assertThat(page.keyIds()).doesNotContain(id);
        assertThat(page.body().getText()).doesNotContain("Acme production");
        browser.capture("other-organisation");
        for (DashboardPage.Answer answer :
                List.of(
                        page.api("DELETE", "/" + id, null),
                        page.api("POST", "/" + id + "/rotate", "{\"gracePeriodSeconds\":0}"),
                        page.api("GET", "/" + id, null))) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.code()).isEqualTo("not_found");
        }
        page.logOut();

        page.logIn(ALICE, PASSWORD);
        assertThat(page.keyIds()).contains(id);
        assertThat(api.get("api/v1/leads", alices.at("/key").asText()).statusCode()).isEqualTo(200);
        page.revokeAll();
    }

    /** The key's prefix as its row shows it, without the ellipsis that says it goes on. */
    private String prefix(String id) {
        String shown = page.field(id, "prefix").replace("…", "").strip();
        assertThat(shown).startsWith("ll_").hasSizeGreaterThan(6);
        return shown;
    }

    /** The organisation's five newest events, from the admin API. */
    private JsonNode newestEvents() {
        DashboardPage.Answer events = page.api("GET", "/events?limit=5", null);
        assertThat(events.status()).as(events.body()).isEqualTo(200);
        return events.json().at("/data/events");
    }

    /**
     * Opens the key's usage until it shows {@code total} (the demo writes counts behind, every
     * {@link #FLUSH_INTERVAL}), leaving the dialog open.
     */
    private void awaitUsage(String id, long total) throws InterruptedException {
        long deadline = System.nanoTime() + LAST_USED_WITHIN.toNanos();
        long shown = page.openUsage(id);
        while (shown != total && System.nanoTime() < deadline) {
            page.closeUsage();
            Thread.sleep(500);
            shown = page.openUsage(id);
        }
        assertThat(shown).as("the usage dialog's total").isEqualTo(total);
    }

    /** Reloads until the key's last use shows, written behind by the demo. */
    private void awaitLastUsedShown(String id) throws InterruptedException {
        long deadline = System.nanoTime() + LAST_USED_WITHIN.toNanos();
        while (page.open().field(id, "last-used").equals("Never") && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(page.field(id, "last-used")).isNotEqualTo("Never");
        WebElement time = page.row(id).findElement(By.cssSelector(".kg-last-used time"));
        assertThat(Instant.parse(time.getDomAttribute("datetime")))
                .isBefore(Instant.now().plusSeconds(60));
        assertThat(time.getDomAttribute("title")).isNotBlank();
    }

    /**
     * A create request replayed outside the browser with the person's session cookie, from {@code
     * origin} (none when null) with {@code token} (none when null).
     */
    private HttpResponse<String> replay(String cookies, String origin, String token)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(page.base().resolve("api/v1/api-keys"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Cookie", cookies)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Replayed\"}"));
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (token != null) {
            request.header("X-CSRF-Token", token);
        }
        // A client of its own, on a connection of its own: a container may close a connection
        // after refusing a request whose body it did not read, and a pooled one would fail next.
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefusedAsForged(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(DemoClient.json(response).at("/error/code").asText()).isEqualTo("csrf_failed");
    }

    private static String originOf(URI base) {
        return base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
    }

    /** A sentence for a person: words, no JSON, no error code such as {@code key_limit_reached}. */
    private static void assertSentence(String text) {
        assertThat(text)
                .isNotBlank()
                .doesNotContain("{")
                .doesNotContainPattern("\\b[a-z]+_[a-z_]+\\b")
                .containsPattern("\\p{L}+\\s+\\p{L}+");
    }

    private void assertNoSidewaysScrolling() {
        Object overflow =
                page.script(
                        "return document.documentElement.scrollWidth"
                                + " - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue())
                .as("sideways scrolling (px)")
                .isLessThanOrEqualTo(0);
    }

    private void driverPress(CharSequence keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    /** Presses Tab until the element with this id has the focus (at most 40 times). */
    private void tabTo(String id) {
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < 40 && !page.focused().equals(id); i++) {
            passed.add(page.focused());
            driverPress(Keys.TAB);
        }
        assertThat(page.focused()).as("Tab reaches #%s (passed %s)", id, passed).isEqualTo(id);
    }

    private void tabToScope(String scope) {
        for (int i = 0; i < 40 && !scope.equals(focusedScope()); i++) {
            driverPress(Keys.TAB);
        }
        assertThat(focusedScope()).as("Tab reaches the scope %s", scope).isEqualTo(scope);
    }

    private String focusedScope() {
        Object value =
                page.script(
                        "const e = document.activeElement;"
                                + " return e && e.name === 'kg-scope' ? e.value : null;");
        return value == null ? null : value.toString();
    }
}
