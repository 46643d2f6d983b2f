package dev.keyguard.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo's landing page and Keyguard's dashboard as a person uses them, through the hooks of the
 * dashboard's DOM contract ({@code #kg-keys}, {@code dialog#kg-create}, ...): what a test does with
 * them, and waits for. Every wait is bounded.
 */
public final class DashboardPage {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer of the admin API to a request the page's own script could make. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (" + status + "): " + body, e);
            }
        }

        public String code() {
            return json().at("/error/code").asText();
        }
    }

    private final WebDriver driver;
    private final URI base;

    /**
     * @param base the demo's context root, ending in {@code /}
     */
    public DashboardPage(WebDriver driver, URI base) {
        this.driver = driver;
        this.base = base;
    }

    public URI base() {
        return base;
    }

    public URI dashboard() {
        return base.resolve("keyguard/");
    }

    /**
     * Logs in on the demo's landing page (logging out first, if someone is), and waits for the
     * dashboard it lands on.
     */
    public DashboardPage logIn(String email, String password) {
        driver.get(base.toString());
        if (!driver.findElements(By.id("demo-logout-submit")).isEmpty()) {
            driver.findElement(By.id("demo-logout-submit")).click();
            waitFor(By.id("demo-login"));
        }
        WebElement field = driver.findElement(By.id("demo-email"));
        field.clear();
        field.sendKeys(email);
        driver.findElement(By.id("demo-password")).sendKeys(password);
        driver.findElement(By.id("demo-login-submit")).click();
        wait("the login to land on " + dashboard())
                .until(ExpectedConditions.urlToBe(dashboard().toString()));
        return awaitReady();
    }

    /** Logs out on the landing page. */
    public void logOut() {
        driver.get(base.toString());
        driver.findElement(By.id("demo-logout-submit")).click();
        waitFor(By.id("demo-login"));
    }

    /** Opens (or reloads) the dashboard and waits until it has rendered. */
    public DashboardPage open() {
        driver.get(dashboard().toString());
        return awaitReady();
    }

    /** Waits until the first list and audit page have rendered and no request is in flight. */
    public DashboardPage awaitReady() {
        wait("the dashboard to be ready (body[data-kg-ready=true], not data-kg-busy)")
                .until(
                        d ->
                                "true".equals(body().getDomAttribute("data-kg-ready"))
                                        && !"true".equals(body().getDomAttribute("data-kg-busy")));
        return this;
    }

    public WebElement body() {
        return driver.findElement(By.tagName("body"));
    }

    /** The ids of the keys listed, top to bottom. */
    public List<String> keyIds() {
        return driver.findElements(By.cssSelector("#kg-keys [data-key-id]")).stream()
                .map(row -> row.getDomAttribute("data-key-id"))
                .toList();
    }

    public WebElement row(String id) {
        return driver.findElement(By.cssSelector("#kg-keys [data-key-id='" + id + "']"));
    }

    /** The text of {@code field} ({@code name}, {@code last-used}, ...) in the key's row. */
    public String field(String id, String field) {
        return row(id).findElement(By.className("kg-" + field)).getText().strip();
    }

    public boolean emptyStateShown() {
        return driver.findElement(By.id("kg-empty")).isDisplayed();
    }

    public WebElement dialog(String id) {
        return driver.findElement(By.id(id));
    }

    public boolean isOpen(String dialogId) {
        return dialog(dialogId).getDomAttribute("open") != null;
    }

    public void awaitOpen(String dialogId) {
        wait("dialog#" + dialogId + " to open")
                .until(d -> isOpen(dialogId) && dialog(dialogId).isDisplayed());
    }

    public void awaitClosed(String dialogId) {
        wait("dialog#" + dialogId + " to close").until(d -> !isOpen(dialogId));
    }

    /** Clicks "new key" and waits for its dialog. */
    public void openCreate() {
        driver.findElement(By.id("kg-new-key")).click();
        awaitOpen("kg-create");
    }

    /**
     * Fills the open create dialog: the name, and the scopes (none: the "all scopes" choice, an
     * unrestricted key).
     */
    public void fillCreate(String name, List<String> scopes) {
        WebElement field = driver.findElement(By.id("kg-create-name"));
        field.clear();
        field.sendKeys(name);
        WebElement all = driver.findElement(By.id("kg-create-all-scopes"));
        if (all.isSelected() != scopes.isEmpty()) {
            all.click();
        }
        for (WebElement scope :
                driver.findElements(By.cssSelector("#kg-create input[name='kg-scope']"))) {
            if (scope.isSelected() != scopes.contains(scope.getDomAttribute("value"))) {
                scope.click();
            }
        }
    }

    /** Submits the create dialog: waits for the secret dialog, or for an error in the dialog. */
    public void submitCreate() {
        driver.findElement(By.id("kg-create-submit")).click();
        wait("the secret dialog, or an error in #kg-create-error")
                .until(d -> isOpen("kg-secret") || !createError().isEmpty());
    }

    public String createError() {
        List<WebElement> error = driver.findElements(By.id("kg-create-error"));
        return error.isEmpty() || !error.get(0).isDisplayed() ? "" : error.get(0).getText().strip();
    }

    /** The raw key the open secret dialog shows. */
    public String secret() {
        awaitOpen("kg-secret");
        return driver.findElement(By.id("kg-secret-value")).getDomProperty("value");
    }

    public void closeSecret() {
        driver.findElement(By.id("kg-secret-close")).click();
        awaitClosed("kg-secret");
        awaitReady();
    }

    /** Creates a key through the dialog; @return the raw key its secret dialog showed (closed). */
    public String createKey(String name, List<String> scopes) {
        openCreate();
        fillCreate(name, scopes);
        submitCreate();
        String key = secret();
        closeSecret();
        return key;
    }

    public void openRotate(String id) {
        row(id).findElement(By.cssSelector("button[data-action='rotate']")).click();
        awaitOpen("kg-rotate");
    }

    /**
     * Clicks the row's "Usage" and waits for its dialog to show the usage (or an error).
     *
     * @return the total the dialog shows, -1 if none
     */
    public long openUsage(String id) {
        row(id).findElement(By.cssSelector("button[data-action='usage']")).click();
        awaitOpen("kg-usage");
        wait("the usage to load")
                .until(
                        d ->
                                !d.findElements(By.cssSelector("#kg-usage [data-usage-total]"))
                                                .isEmpty()
                                        || !d.findElement(By.id("kg-usage-error"))
                                                .getText()
                                                .isBlank());
        List<WebElement> total =
                driver.findElements(By.cssSelector("#kg-usage [data-usage-total]"));
        return total.isEmpty()
                ? -1
                : Long.parseLong(total.get(0).getDomAttribute("data-usage-total"));
    }

    /** Closes the usage dialog with its button. */
    public void closeUsage() {
        driver.findElement(By.id("kg-usage-close")).click();
        awaitClosed("kg-usage");
    }

    public Select rotateGrace() {
        return new Select(driver.findElement(By.id("kg-rotate-grace")));
    }

    public void openRevoke(String id) {
        row(id).findElement(By.cssSelector("button[data-action='revoke']")).click();
        awaitOpen("kg-revoke");
    }

    /** Confirms the open revoke dialog and waits until the page has its answer. */
    public void confirmRevoke() {
        driver.findElement(By.id("kg-revoke-confirm")).click();
        awaitClosed("kg-revoke");
        awaitReady();
    }

    /** The text of {@code #kg-message}, where errors and notices appear. */
    public String message() {
        return driver.findElement(By.id("kg-message")).getText().strip();
    }

    /** The audit trail's event types, newest first, each with its item's text. */
    public List<Map.Entry<String, String>> events() {
        return driver.findElements(By.cssSelector("#kg-events li[data-event-type]")).stream()
                .map(li -> Map.entry(li.getDomAttribute("data-event-type"), li.getText()))
                .toList();
    }

    /** The id of the element that has the keyboard focus, or "" for none with an id. */
    public String focused() {
        Object id = script("return document.activeElement ? document.activeElement.id : '';");
        return id == null ? "" : id.toString();
    }

    /** Whether the focused element is inside the element with this id. */
    public boolean focusInside(String id) {
        return Boolean.TRUE.equals(
                script(
                        "const e = document.getElementById(arguments[0]);"
                                + " return !!e && e.contains(document.activeElement);",
                        id));
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Calls the admin API from the dashboard's page as its own script does: same origin, the
     * session's cookie, the page's anti-CSRF token. {@code path} is relative to the page's API base
     * ("" for the list, "/key_x/rotate").
     */
    public Answer api(String method, String path, String jsonBody) {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer =
                (Map<String, Object>)
                        ((JavascriptExecutor) driver)
                                .executeAsyncScript(
                                        """
                                        const [method, path, body, done] = arguments;
                                        const meta = n => document.querySelector(
                                            'meta[name="' + n + '"]').content;
                                        const headers = {'X-CSRF-Token': meta('keyguard-csrf')};
                                        if (body !== null) {
                                          headers['Content-Type'] = 'application/json';
                                        }
                                        fetch(meta('keyguard-api') + path, {method, headers,
                                            body: body === null ? undefined : body,
                                            credentials: 'same-origin'})
                                          .then(r => r.text().then(
                                              t => done({status: r.status, body: t})))
                                          .catch(e => done({status: -1, body: String(e)}));
                                        """,
                                        method,
                                        path,
                                        jsonBody);
        return new Answer(((Number) answer.get("status")).intValue(), (String) answer.get("body"));
    }

    /** Creates a key through the API; @return its create answer's data (with the raw key). */
    public JsonNode createByApi(String name) {
        Answer created = api("POST", "", "{\"name\":" + JSON.valueToTree(name) + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().at("/data");
    }

    /** Revokes every key of the person's organisation through the API. */
    public void revokeAll() {
        Answer list = api("GET", "", null);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        for (JsonNode key : list.json().at("/data")) {
            Answer revoked = api("DELETE", "/" + key.at("/id").asText(), null);
            assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        }
    }

    /** The page's anti-CSRF token. */
    public String csrfToken() {
        return driver.findElement(By.cssSelector("meta[name='keyguard-csrf']"))
                .getDomAttribute("content");
    }

    private void waitFor(By by) {
        wait(by.toString()).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /** A bounded wait whose failure says what it waited for, and where the page was. */
    public WebDriverWait wait(String what) {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.withMessage(() -> "waiting for " + what + " on " + driver.getCurrentUrl());
        return wait;
    }
}
