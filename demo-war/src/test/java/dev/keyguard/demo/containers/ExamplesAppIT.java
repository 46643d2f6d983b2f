package dev.keyguard.demo.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16, done when: Keyguard dropped into the {@code examples} web app that ships inside stock
 * Tomcat 11, not a WAR of ours, without editing its {@code web.xml} (which is {@code
 * metadata-complete}): the jars of the webapp zip ({@code keyguard-VERSION-webapp.zip}) copied into
 * its {@code WEB-INF/lib}, and two environment variables in the way docs/deploy.md says. Its {@code
 * index.html}, a JSP and a servlet example are still served; the servlet Keyguard guards answers
 * 401 without a key and 200 with one that the operator's CLI minted (through the socket of the data
 * directory, since Tomcat has the database open); the admin API is at its path.
 */
class ExamplesAppIT {

    private static final String GUARDED = "servlets/servlet/HelloWorldExample";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "examples-" + Long.toHexString(System.nanoTime());

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void keyguardDropsIntoTomcatsOwnExamplesApp() throws Exception {
        Path home = RunSettings.distribution("keyguard.it.tomcat-11");
        Path instance = RunSettings.freshWorkDir("tomcat-examples");
        int port = FreePorts.any();
        Path base = Tomcat.instance(home, instance, port);
        Path examples = base.resolve("webapps/examples");
        copyTree(home.resolve("webapps/examples"), examples);
        String webXml = Files.readString(examples.resolve("WEB-INF/web.xml"));
        copyJars(
                Path.of(RunSettings.property("keyguard.it.webapp-zip")),
                examples.resolve("WEB-INF/lib"));
        Path dataDir = instance.resolve("keyguard-data");

        // Issue 15: the examples app's own FORM login, on users of tomcat-users.xml, leads to the
        // dashboard, which the drop-in mounts once a mapping names who manages which keys.
        Files.writeString(
                base.resolve("conf/tomcat-users.xml"),
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
                  <role rolename="tomcat"/>
                  <user username="alice" password="%s" roles="tomcat"/>
                  <user username="mallory" password="%s" roles="tomcat"/>
                </tomcat-users>
                """
                        .formatted(PASSWORD, PASSWORD));
        Path people = instance.resolve("keyguard-people.properties");
        Files.writeString(people, "alice = acme, Alice, Smith, alice@acme.example\n");

        Map<String, String> environment = Tomcat.environment(home, base);
        environment.put("KEYGUARD_URL_PATTERNS", "/" + GUARDED);
        environment.put("KEYGUARD_DATA_DIR", dataDir.toString());
        environment.put("KEYGUARD_PEOPLE_MAPPING", people.toUri().toString());
        URI app = URI.create("http://127.0.0.1:" + port + "/examples/");
        try (ServerProcess tomcat = Tomcat.run("tomcat-examples", home, base, environment)) {
            try {
                tomcat.awaitReady(
                        Container.START_TIMEOUT,
                        () -> {
                            if (Tomcat.startupFailed(tomcat)) {
                                throw new IllegalStateException("the examples app did not start");
                            }
                            return Http.isUp(app.resolve("index.html"));
                        });
                assertTheHostAndKeyguardBothWork(app, dataDir, instance);
                assertPeopleLogInWithTheExamplesAppsOwnLogin(app);
            } catch (Exception | AssertionError e) {
                e.addSuppressed(tomcat.logEnd());
                throw e;
            }
            assertThat(tomcat.stop(Container.STOP_TIMEOUT)).as("stopped on SIGTERM").isTrue();
        }
        assertThat(Files.readString(examples.resolve("WEB-INF/web.xml")))
                .as("the examples app's web.xml, unedited")
                .isEqualTo(webXml)
                .doesNotContain("keyguard");
    }

    private static void assertTheHostAndKeyguardBothWork(URI app, Path dataDir, Path instance)
            throws Exception {
        assertThat(get(app.resolve("index.html"), null).body()).contains("Apache Tomcat Examples");
        HttpResponse<String> jsp = get(app.resolve("jsp/jsp2/el/basic-arithmetic.jsp"), null);
        assertThat(jsp.statusCode()).isEqualTo(200);
        assertThat(jsp.body()).contains("Basic Arithmetic").contains("${1 + 2}").contains("3");
        HttpResponse<String> requestInfo =
                get(app.resolve("servlets/servlet/RequestInfoExample"), null);
        assertThat(requestInfo.statusCode()).isEqualTo(200);
        assertThat(requestInfo.body()).contains("Request Information Example");

        HttpResponse<String> anonymous = get(app.resolve(GUARDED), null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer");
        assertThat(get(app.resolve("api/v1/api-keys"), null).statusCode()).isEqualTo(401);

        String key =
                cli(
                        instance,
                        "create-key",
                        "--org",
                        "acme",
                        "--name",
                        "examples",
                        "--data-dir",
                        dataDir.toString());
        assertThat(key).matches("ll_[0-9a-f]{64}");

        HttpResponse<String> hello = get(app.resolve(GUARDED), key);
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).contains("Hello World!");
        HttpResponse<String> admin = get(app.resolve("api/v1/api-keys"), key);
        assertThat(admin.statusCode()).isEqualTo(200);
        JsonNode keys = JSON.readTree(admin.body()).get("data");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("name").asText()).isEqualTo("examples");
        assertThat(cli(instance, "list", "--org", "acme", "--data-dir", dataDir.toString()))
                .contains(keys.get(0).get("id").asText());
    }

    /**
     * docs/dashboard.md, container login: the dashboard sends a person who is not logged in to the
     * examples app's own FORM login page; after it, the dashboard greets them from the mapping and
     * its token lets them create a key through the admin API with their session. A user the mapping
     * does not name is nobody, and a change without the token is refused.
     */
    private static void assertPeopleLogInWithTheExamplesAppsOwnLogin(URI app) throws Exception {
        Browser alice = new Browser();
        HttpResponse<String> login = alice.get(app.resolve("keyguard/"));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).as("the examples app's login page").contains("j_security_check");
        HttpResponse<String> loggedIn =
                alice.postForm(
                        app.resolve("keyguard/j_security_check"),
                        "j_username=alice&j_password=" + PASSWORD);
        assertThat(loggedIn.statusCode()).isIn(302, 303);
        HttpResponse<String> dashboard =
                alice.get(app.resolve(loggedIn.headers().firstValue("Location").orElseThrow()));
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("frame-ancestors 'none'");
        assertThat(dashboard.body())
                .contains("<strong>Alice Smith</strong> · organisation <strong>acme</strong>");
        String token =
                dashboard
                        .body()
                        .replaceAll("(?s).*name=\"keyguard-csrf\" content=\"([^\"]+)\".*", "$1");

        HttpResponse<String> list = alice.get(app.resolve("api/v1/api-keys"));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).get("data").get(0).get("name").asText())
                .isEqualTo("examples");
        String origin = "http://" + app.getAuthority();
        String body = "{\"name\":\"from the dashboard\"}";
        assertThat(alice.postJson(app.resolve("api/v1/api-keys"), body, origin, null).body())
                .contains("csrf_failed");
        HttpResponse<String> created =
                alice.postJson(app.resolve("api/v1/api-keys"), body, origin, token);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode key = JSON.readTree(created.body()).get("data");
        assertThat(get(app.resolve(GUARDED), key.get("key").asText()).statusCode()).isEqualTo(200);
        JsonNode listed =
                JSON.readTree(
                                alice.get(app.resolve("api/v1/api-keys/" + key.get("id").asText()))
                                        .body())
                        .get("data");
        assertThat(listed.get("user").get("firstName").asText()).isEqualTo("Alice");
        assertThat(listed.get("user").get("email").asText()).isEqualTo("alice@acme.example");

        Browser mallory = new Browser();
        mallory.get(app.resolve("keyguard/"));
        HttpResponse<String> unmapped =
                mallory.get(
                        app.resolve(
                                mallory.postForm(
                                                app.resolve("keyguard/j_security_check"),
                                                "j_username=mallory&j_password=" + PASSWORD)
                                        .headers()
                                        .firstValue("Location")
                                        .orElseThrow()));
        assertThat(unmapped.statusCode()).isEqualTo(403);
        assertThat(mallory.get(app.resolve("api/v1/api-keys")).statusCode()).isEqualTo(401);
    }

    /** A client with its own cookies that does not follow redirects, like a browser tab. */
    private static final class Browser {
        private final HttpClient client =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(2))
                        .cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();

        HttpResponse<String> get(URI uri) throws Exception {
            return client.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postForm(URI uri, String form) throws Exception {
            return client.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postJson(URI uri, String json, String origin, String token)
                throws Exception {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .header("Origin", origin)
                            .POST(HttpRequest.BodyPublishers.ofString(json));
            if (token != null) {
                request.header("X-CSRF-Token", token);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** {@code java -jar keyguard-cli.jar ...}, as docs/cli.md has the operator run it. */
    private static String cli(Path instance, String... arguments) throws Exception {
        return CreateKeyCli.runJar(
                Path.of(RunSettings.property("keyguard.it.cli-jar")),
                List.of(arguments),
                instance.resolve("cli.log"));
    }

    private static HttpResponse<String> get(URI uri, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * What docs/deploy.md tells a host without Maven to copy into {@code WEB-INF/lib}: every jar of
     * {@code keyguard/}, {@code lib/} and {@code jaxrs/} (Tomcat has no JAX-RS runtime), the H2
     * driver of {@code jdbc/} for the embedded database, and {@code logging/} (the examples app has
     * no SLF4J provider).
     */
    static void copyJars(Path zip, Path lib) throws IOException {
        int copied = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                String[] parts = name.split("/");
                String file = parts[parts.length - 1];
                if (entry.isDirectory() || !file.endsWith(".jar") || parts.length < 2) {
                    continue;
                }
                String folder = parts[parts.length - 2];
                boolean wanted =
                        switch (folder) {
                            case "keyguard", "lib", "jaxrs", "logging" -> true;
                            case "jdbc" -> file.startsWith("h2-");
                            default -> false;
                        };
                if (wanted) {
                    copy(in, lib.resolve(file));
                    copied++;
                }
            }
        }
        assertThat(copied).as("jars copied from " + zip).isGreaterThan(10);
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
