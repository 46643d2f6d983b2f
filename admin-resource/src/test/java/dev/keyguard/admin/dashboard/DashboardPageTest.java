package dev.keyguard.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's page and assets over real HTTP from {@link DashboardDevServer}: served with the
 * strict policy, its placeholders filled, every file the page or a script names listed in {@code
 * assets.list} (so served), small, and nothing that the policy would block or that breaks the
 * page's security rules (inline script or style, HTML from strings, keys in storage or logs).
 */
class DashboardPageTest {

    private static final String FOLDER = "dev/keyguard/dashboard/";
    private static final String POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                    + " connect-src 'self'; form-action 'self'; base-uri 'none';"
                    + " frame-ancestors 'none'";
    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>");
    private static final Pattern ATTRIBUTE =
            Pattern.compile("([^\\s=/>]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+)))?");
    private static final Pattern IMPORT =
            Pattern.compile("(?:import|export)\\s[^;]*?from\\s*'([^']+)'|import\\s*'([^']+)'");

    private static DashboardDevServer server;
    private static HttpClient browser;

    @BeforeAll
    static void start() throws Exception {
        server = DashboardDevServer.start(0);
        browser =
                HttpClient.newBuilder()
                        .cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPersonNotLoggedInIsSentToTheHostsLogin() throws Exception {
        HttpResponse<String> page =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(server.base().resolve("keyguard/")).build(),
                                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow())
                .endsWith("/login?next=%2Fkeyguard%2F");
    }

    @Test
    void thePageIsServedWithThePolicyAndEveryPlaceholderFilled() throws Exception {
        HttpResponse<String> page = get("login?user=alice");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/keyguard/");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(POLICY);
        String html = page.body();
        assertThat(html).doesNotContain("{{");
        Map<String, String> metas = metas(html);
        assertThat(metas.get("keyguard-csrf")).matches("[A-Za-z0-9_-]{43}");
        assertThat(metas)
                .containsEntry("keyguard-api", "/api/v1/api-keys")
                .containsEntry("keyguard-scopes", "keys:manage leads:read leads:write")
                .containsEntry("keyguard-user", "alice@acme");
        assertThat(html).contains("Alice Smith").contains("<title>API keys · acme</title>");
    }

    @Test
    void everyFileThePageOrAScriptNamesIsListedAndServedWithThePolicy() throws Exception {
        get("login?user=alice");
        Set<String> listed = listed();
        Set<String> named = new LinkedHashSet<>();
        for (String reference : references(template())) {
            assertThat(reference).as("the page names its files relatively").startsWith("assets/");
            named.add(reference.substring("assets/".length()));
        }
        Deque<String> scripts = new ArrayDeque<>(named.stream().filter(isScript()).toList());
        while (!scripts.isEmpty()) {
            for (String imported : imports(resource(scripts.pop()))) {
                assertThat(imported).as("scripts import siblings").startsWith("./");
                String name = imported.substring(2);
                if (named.add(name)) {
                    scripts.push(name);
                }
            }
        }

        assertThat(listed).containsAll(named);
        assertThat(named).as("every listed file is used").containsAll(listed);
        for (String name : listed) {
            HttpResponse<String> asset = get("keyguard/assets/" + name);
            assertThat(asset.statusCode()).as(name).isEqualTo(200);
            assertThat(asset.headers().firstValue("Content-Security-Policy")).hasValue(POLICY);
            assertThat(asset.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith(
                            name.endsWith(".js")
                                    ? "text/javascript"
                                    : name.endsWith(".css") ? "text/css" : "image/svg+xml");
            assertThat(asset.body()).isEqualTo(resource(name));
        }
        assertThat(get("keyguard/assets/index.html").statusCode()).isEqualTo(404);
    }

    @Test
    void theAssetsTogetherStayUnder150KiB() throws Exception {
        long total = 0;
        for (String name : listed()) {
            total += resource(name).getBytes(StandardCharsets.UTF_8).length;
        }
        total += template().getBytes(StandardCharsets.UTF_8).length;

        assertThat(total).isLessThan(150 * 1024);
    }

    @Test
    void thePageHasNoInlineScriptOrStyle() throws Exception {
        String html = template();
        Matcher tags = TAG.matcher(html);
        int scripts = 0;
        while (tags.find()) {
            String tag = tags.group(1).toLowerCase();
            Map<String, String> attributes = attributes(tags.group(2));
            assertThat(tag).as("no <style> element").isNotEqualTo("style");
            assertThat(attributes)
                    .as("<%s> has no style attribute", tag)
                    .doesNotContainKey("style");
            assertThat(attributes.keySet())
                    .as("<%s> has no event handler attribute", tag)
                    .noneMatch(name -> name.startsWith("on"));
            assertThat(attributes.values())
                    .as("<%s> has no javascript: or data: URL", tag)
                    .noneMatch(value -> value.strip().matches("(?i)(javascript|data):.*"));
            if (tag.equals("script")) {
                scripts++;
                assertThat(attributes).containsKey("src");
                assertThat(html.substring(tags.end()).strip()).startsWith("</script>");
            }
        }
        assertThat(scripts).isEqualTo(1);
    }

    @Test
    void thePageHasTheHooksOfTheDomContract() throws Exception {
        String html = template();
        Set<String> ids = new LinkedHashSet<>();
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            String id = attributes(tags.group(2)).get("id");
            if (id != null) {
                assertThat(ids.add(id)).as("id %s is unique", id).isTrue();
            }
        }

        assertThat(ids)
                .contains(
                        "kg-message",
                        "kg-keys",
                        "kg-empty",
                        "kg-new-key",
                        "kg-create",
                        "kg-create-name",
                        "kg-create-expires",
                        "kg-create-all-scopes",
                        "kg-create-submit",
                        "kg-create-cancel",
                        "kg-create-error",
                        "kg-secret",
                        "kg-secret-value",
                        "kg-secret-copy",
                        "kg-secret-close",
                        "kg-revoke",
                        "kg-revoke-confirm",
                        "kg-revoke-cancel",
                        "kg-rotate",
                        "kg-rotate-grace",
                        "kg-rotate-confirm",
                        "kg-rotate-cancel",
                        "kg-events",
                        "kg-events-more");
        assertThat(html).contains("you will not see this again");
        assertThat(html).containsPattern("<html lang=\"en\">");
    }

    @Test
    void theScriptsBuildNoHtmlFromStringsAndKeepNoKey() throws Exception {
        for (String name : listed()) {
            if (!name.endsWith(".js")) {
                continue;
            }
            assertThat(resource(name))
                    .as(name)
                    .doesNotContain("innerHTML")
                    .doesNotContain("outerHTML =")
                    .doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write")
                    .doesNotContain("eval(")
                    .doesNotContain("new Function")
                    .doesNotContain("localStorage")
                    .doesNotContain("sessionStorage")
                    .doesNotContain("console.");
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.send(
                HttpRequest.newBuilder(server.base().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static java.util.function.Predicate<String> isScript() {
        return name -> name.endsWith(".js");
    }

    private static String template() throws IOException {
        return resource("index.html");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in =
                DashboardPageTest.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            assertThat(in).as(FOLDER + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> listed() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String line : resource("assets.list").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    /** The src and href values of the page's script, link and img tags that are not absolute. */
    private static List<String> references(String html) {
        List<String> found = new ArrayList<>();
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            String tag = tags.group(1).toLowerCase();
            if (!Set.of("script", "link", "img").contains(tag)) {
                continue;
            }
            Map<String, String> attributes = attributes(tags.group(2));
            for (String name : List.of("src", "href")) {
                String value = attributes.get(name);
                if (value != null) {
                    found.add(value);
                }
            }
        }
        return found;
    }

    private static List<String> imports(String script) {
        List<String> found = new ArrayList<>();
        Matcher imports = IMPORT.matcher(script);
        while (imports.find()) {
            found.add(imports.group(1) != null ? imports.group(1) : imports.group(2));
        }
        return found;
    }

    private static Map<String, String> metas(String html) {
        Map<String, String> metas = new LinkedHashMap<>();
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            if (tags.group(1).equalsIgnoreCase("meta")) {
                Map<String, String> attributes = attributes(tags.group(2));
                if (attributes.containsKey("name")) {
                    metas.put(attributes.get("name"), attributes.get("content"));
                }
            }
        }
        return metas;
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(text);
        while (attribute.find()) {
            String value =
                    attribute.group(2) != null
                            ? attribute.group(2)
                            : attribute.group(3) != null
                                    ? attribute.group(3)
                                    : attribute.group(4) != null ? attribute.group(4) : "";
            attributes.put(attribute.group(1).toLowerCase(), value);
        }
        return attributes;
    }
}
