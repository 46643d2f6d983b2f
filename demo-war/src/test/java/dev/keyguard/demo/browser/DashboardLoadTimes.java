package dev.keyguard.demo.browser;

import dev.keyguard.demo.DemoClient;
import dev.keyguard.demo.DemoOptions;
import dev.keyguard.demo.DemoServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures, and prints, how fast the dashboard loads on the demo (BENCHMARKS.md, "Dashboard page
 * load"): Navigation Timing's {@code domInteractive} and the time until the page marks itself
 * {@code data-kg-ready} (its first list and audit page rendered), both from the start of the
 * navigation, in headless Chromium on this machine, alice's organisation holding 5 keys; the median
 * of 10 loads after 3 to warm up. A measurement, not a test: it asserts nothing. Then a screenshot
 * of the list at the desktop size (docs/images/dashboard.png is one). Run from {@code demo-war/}
 * (it serves {@code src/main/webapp}) with the test class path; the command is in BENCHMARKS.md.
 */
public final class DashboardLoadTimes {

    private static final int WARM_UP = 3;
    private static final int LOADS = 10;

    /** The organisation's keys, as the admin API's create bodies; the first is used once. */
    private static final List<String> KEYS =
            List.of(
                    "{\"name\":\"Nightly CRM import\",\"scopes\":[\"leads:read\"]}",
                    "{\"name\":\"Website lead form\",\"scopes\":[\"leads:write\"],"
                            + "\"allowedIps\":[\"203.0.113.0/24\"]}",
                    "{\"name\":\"Reporting dashboard\",\"scopes\":[\"leads:read\"],"
                            + "\"expiresAt\":\"EXPIRES_SOON\"}",
                    "{\"name\":\"Partner sync\",\"scopes\":[\"leads:read\",\"leads:write\"],"
                            + "\"expiresAt\":\"2030-01-01\"}",
                    "{\"name\":\"Deploy bot\"}");

    /** Installed before the page's own scripts: notes when the body gets data-kg-ready. */
    private static final String READY_PROBE =
            """
            new MutationObserver((changes, observer) => {
              if (document.body && document.body.getAttribute('data-kg-ready') === 'true') {
                window.__kgReadyAt = performance.now();
                observer.disconnect();
              }
            }).observe(document, {attributes: true, subtree: true,
                attributeFilter: ['data-kg-ready']});
            """;

    private DashboardLoadTimes() {}

    public static void main(String[] args) throws Exception {
        DashboardBrowserTest.PROPERTIES.forEach(System::setProperty);
        Path dataDir = Files.createTempDirectory("kg-dashboard-load-");
        DemoServer server =
                DemoServer.create(DemoOptions.serve(0, dataDir), Path.of("src/main/webapp"));
        try (Browser browser = Browser.start()) {
            DashboardPage page = new DashboardPage(browser.driver(), server.start());
            URI base = page.base();
            browser.beginTest(DashboardLoadTimes.class.getSimpleName());
            page.logIn("alice@acme.example", DashboardScenario.PASSWORD).revokeAll();
            String soon = LocalDate.now(ZoneOffset.UTC).plusDays(5).toString();
            String used = null;
            for (String key : KEYS) {
                DashboardPage.Answer created =
                        page.api("POST", "", key.replace("EXPIRES_SOON", soon));
                if (created.status() != 201) {
                    throw new IllegalStateException(created.body());
                }
                used = used != null ? used : created.json().at("/data/key").asText();
            }
            new DemoClient(base).get("api/v1/leads", used);
            browser.driver()
                    .executeCdpCommand(
                            "Page.addScriptToEvaluateOnNewDocument", Map.of("source", READY_PROBE));
            List<Double> interactive = new ArrayList<>();
            List<Double> ready = new ArrayList<>();
            for (int i = 0; i < WARM_UP + LOADS; i++) {
                page.open();
                page.wait("the probe to see data-kg-ready")
                        .until(d -> page.script("return window.__kgReadyAt;") != null);
                if (i >= WARM_UP) {
                    interactive.add(
                            number(
                                    page.script(
                                            "return performance.getEntriesByType('navigation')[0]"
                                                    + ".domInteractive;")));
                    ready.add(number(page.script("return window.__kgReadyAt;")));
                }
            }
            System.out.printf(
                    "Dashboard page load, %d keys, median of %d loads after %d (ms from the start"
                            + " of the navigation):%n",
                    KEYS.size(), LOADS, WARM_UP);
            print("domInteractive", interactive);
            print("data-kg-ready", ready);
            page.open();
            browser.capture("list");
            System.out.println("The list: " + browser.lastScreenshot().toAbsolutePath());
            page.revokeAll();
        } finally {
            server.close();
            Browser.deleteTree(dataDir);
        }
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static void print(String what, List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        double median = (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf(
                "  %-15s median %6.1f ms  (min %.1f, max %.1f)%n",
                what, median, sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
