package dev.keyguard.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.demo.DemoOptions;
import dev.keyguard.demo.DemoServer;
import dev.keyguard.testing.ProxiedDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The "errors and the 503 shown as messages, never as raw JSON", in Chromium: the demo runs
 * on a database behind a TCP proxy ({@code --db-url}); with the connections cut, the person's page
 * says in a sentence that the keys cannot be reached now, and once the database is back the same
 * page works again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class DashboardOutageBrowserTest {

    private static final String ALICE = "alice@acme.example";

    private final Map<String, String> previous = new HashMap<>();
    private String unavailable;
    private Browser browser;
    private ProxiedDatabase database;
    private Path dataDir;
    private DemoServer server;
    private DashboardPage page;

    @BeforeAll
    void start() throws Exception {
        unavailable = Browser.unavailable().orElse(null);
        if (unavailable != null) {
            System.err.println(getClass().getSimpleName() + " skipped: " + unavailable);
            return;
        }
        DashboardBrowserTest.PROPERTIES.forEach(
                (name, value) -> previous.put(name, System.setProperty(name, value)));
        database = ProxiedDatabase.start("H2");
        dataDir = Files.createTempDirectory("kg-outage-");
        DemoOptions embedded = DemoOptions.serve(0, dataDir);
        DemoOptions proxied =
                new DemoOptions(
                        embedded.command(),
                        embedded.port(),
                        embedded.host(),
                        dataDir,
                        database.proxiedUrl(),
                        database.user(),
                        database.password(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        server = DemoServer.create(proxied, Path.of("src/main/webapp"));
        URI base = server.start();
        browser = Browser.start();
        page = new DashboardPage(browser.driver(), base);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (database != null) {
                database.close();
            }
            previous.forEach(
                    (name, value) -> {
                        if (value == null) {
                            System.clearProperty(name);
                        } else {
                            System.setProperty(name, value);
                        }
                    });
            if (dataDir != null) {
                Browser.deleteTree(dataDir);
            }
        }
    }

    @Test
    void anOutageIsToldAsASentenceAndThePageRecovers() throws Exception {
        Assumptions.assumeTrue(unavailable == null, unavailable);
        browser.beginTest(
                getClass().getSimpleName() + ".anOutageIsToldAsASentenceAndThePageRecovers");
        page.logIn(ALICE, DashboardScenario.PASSWORD).revokeAll();
        String id = page.createByApi("Before the outage").at("/id").asText();
        page.open();
        assertThat(page.keyIds()).containsExactly(id);

        database.proxy().cut();
        try {
            page.openRevoke(id);
            browser.driver().findElement(By.id("kg-revoke-confirm")).click();
            assertSentenceOfAnOutage(awaitText("kg-revoke-error"));
            browser.capture("unavailable-revoke");
            browser.driver().findElement(By.id("kg-revoke-cancel")).click();

            browser.driver().navigate().refresh();
            assertSentenceOfAnOutage(awaitText("kg-message"));
            browser.capture("unavailable-list");
        } finally {
            database.proxy().restore();
        }

        awaitRecovery();
        assertThat(page.keyIds()).as("nothing was revoked while it was down").containsExactly(id);
    }

    /**
     * Reloads the page until it lists keys without a message again: the pool's first connections
     * after the cut may still be the broken ones, or being made again, so the first load after the
     * restore may be told the same outage sentence; a person's next try works.
     */
    private void awaitRecovery() {
        page.wait("the page to load without an outage message once the database is back")
                .pollingEvery(Duration.ofMillis(500))
                .until(
                        d -> {
                            page.open();
                            return page.message().isEmpty();
                        });
    }

    /** The text of the element once it has one: the page's answer to a call that failed. */
    private String awaitText(String elementId) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(90))
                .until(
                        d -> {
                            String text = d.findElement(By.id(elementId)).getText().strip();
                            return text.isEmpty() ? null : text;
                        });
    }

    /** Words for a person, no JSON and no error code, saying to try again. */
    private static void assertSentenceOfAnOutage(String text) {
        assertThat(text)
                .as("what the person reads while the database is down")
                .doesNotContain("{")
                .doesNotContainPattern("\\b[a-z]+_[a-z_]+\\b")
                .containsPattern("(?i)try again");
    }
}
