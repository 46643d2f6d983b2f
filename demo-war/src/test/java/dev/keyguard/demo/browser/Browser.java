package dev.keyguard.demo.browser;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for a test class: the system's Chromium, headless, driven through the system's
 * chromedriver (named explicitly, so Selenium Manager never downloads one; the tests need no
 * network). When either is missing, {@link #unavailable} says so, and the tests skip with that
 * message, unless {@value #REQUIRE}{@code =true} (as in CI), when they fail.
 *
 * <p>{@link #capture} records a state of the page: a screenshot to {@code
 * target/screenshots/<test>/<nn>-<state>.png} (kept as test output), and axe-core's accessibility
 * rules run on it, failing on any violation of impact serious or critical and printing the others.
 */
public final class Browser implements AutoCloseable {

    public static final String REQUIRE = "KEYGUARD_TEST_REQUIRE_BROWSER";

    /** The desktop viewport, and the phone's. */
    public static final int[] DESKTOP = {1280, 900};

    public static final int[] PHONE = {360, 780};

    private static final List<String> FAILING_IMPACTS = List.of("serious", "critical");

    private final ChromeDriver driver;
    private Path screenshots;
    private int captured;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Why the browser tests cannot run here: Chromium or chromedriver missing from the PATH.
     *
     * @return empty when both are there
     * @throws IllegalStateException instead, when {@value #REQUIRE} is {@code true}
     */
    public static Optional<String> unavailable() {
        Optional<Path> chromium = onPath("chromium");
        if (chromium.isPresent() && onPath("chromedriver").isPresent()) {
            return Optional.empty();
        }
        String missing =
                "No "
                        + (chromium.isEmpty() ? "chromium" : "chromedriver")
                        + " on the PATH: the browser tests need Chromium and its chromedriver"
                        + " (Debian: apt-get install chromium chromium-driver)";
        if (Boolean.parseBoolean(System.getenv(REQUIRE))) {
            throw new IllegalStateException(missing + ", and " + REQUIRE + " is true");
        }
        return Optional.of(missing);
    }

    /**
     * Starts Chromium at the desktop size.
     *
     * @throws org.opentest4j.TestAbortedException when it is {@link #unavailable}
     */
    public static Browser start() {
        unavailable().ifPresent(Assumptions::abort);
        Optional<Path> chromium = onPath("chromium");
        Optional<Path> chromedriver = onPath("chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--lang=en-GB",
                "--window-size=" + DESKTOP[0] + "," + DESKTOP[1]);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(chromedriver.get().toFile())
                        .usingAnyFreePort()
                        .build();
        Browser browser = new Browser(new ChromeDriver(service, options));
        browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        browser.viewport(DESKTOP);
        return browser;
    }

    /**
     * Starts afresh for a test: no cookies, the desktop viewport, and {@link #capture}'s
     * screenshots going to {@code target/screenshots/<test>} (emptied first).
     */
    public void beginTest(String test) throws IOException {
        driver.manage().deleteAllCookies();
        viewport(DESKTOP);
        screenshots = Path.of("target", "screenshots", test);
        deleteTree(screenshots);
        Files.createDirectories(screenshots);
        captured = 0;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Sets the page's viewport to exactly {@code size} (width, height in CSS pixels); the phone's
     * as a touch device.
     */
    public void viewport(int[] size) {
        boolean phone = size[0] < 600;
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        size[0],
                        "height",
                        size[1],
                        "deviceScaleFactor",
                        phone ? 2 : 1,
                        "mobile",
                        phone));
    }

    /**
     * Records the page as it is now: a screenshot named {@code <nn>-<state>.png}, and axe-core's
     * rules run on it.
     *
     * @throws AssertionError naming each violation of impact serious or critical
     */
    public void capture(String state) {
        captured++;
        Path file = screenshots.resolve(String.format("%02d-%s.png", captured, state));
        File shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), file);
            Files.delete(shot.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        checkAccessibility(state);
    }

    /** The screenshot a {@link #capture} wrote last, to copy elsewhere. */
    public Path lastScreenshot() throws IOException {
        try (Stream<Path> files = Files.list(screenshots)) {
            return files.max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    private void checkAccessibility(String state) {
        Results results = new AxeBuilder().analyze(driver);
        if (results.getErrorMessage() != null) {
            throw new AssertionError(
                    "axe-core failed on " + state + ": " + results.getErrorMessage());
        }
        StringBuilder failing = new StringBuilder();
        for (Rule rule : results.getViolations()) {
            String line =
                    String.format(
                            "axe %s [%s] %s: %s (%d element(s): %s)",
                            state,
                            rule.getImpact(),
                            rule.getId(),
                            rule.getHelp(),
                            rule.getNodes().size(),
                            rule.getNodes().stream()
                                    .map(node -> String.valueOf(node.getTarget()))
                                    .limit(5)
                                    .toList());
            if (FAILING_IMPACTS.contains(rule.getImpact())) {
                failing.append(System.lineSeparator()).append(line);
            } else {
                System.out.println(line);
            }
        }
        System.out.printf(
                "axe %s: %d rules passed, %d violated, %d incomplete (for a person to check: %s)%n",
                state,
                results.getPasses().size(),
                results.getViolations().size(),
                results.getIncomplete().size(),
                results.getIncomplete().stream().map(Rule::getId).toList());
        if (failing.length() > 0) {
            throw new AssertionError(
                    "Accessibility violations (serious or critical) in the state '"
                            + state
                            + "':"
                            + failing);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static Optional<Path> onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Deletes {@code dir} and all in it, if it exists. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
