package dev.keyguard.demo.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14, done when: a Tomcat {@code web.xml} security constraint by scope is really enforced. A
 * web app of JSPs (src/test/resources/containers/scopes-webapp) whose {@code web.xml} guards {@code
 * /leads/*} with the role {@code leads:read} and switches {@code keyguard.container-authentication}
 * on, deployed into stock Tomcat 11 with the jars of the webapp zip in its {@code WEB-INF/lib} and
 * keys minted by the operator's CLI: the container itself lets a key with the scope in and refuses
 * the others in the contract's words.
 */
class ContainerConstraintsIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void tomcatEnforcesAConstraintByScopeWithKeyguardsAnswers() throws Exception {
        Path home = RunSettings.distribution("keyguard.it.tomcat-11");
        Path instance = RunSettings.freshWorkDir("tomcat-scopes");
        int port = FreePorts.any();
        Path base = Tomcat.instance(home, instance, port);
        Path webapp = base.resolve("webapps/scopes");
        ExamplesAppIT.copyTree(
                Path.of(
                        ContainerConstraintsIT.class
                                .getResource("/containers/scopes-webapp")
                                .toURI()),
                webapp);
        Files.createDirectories(webapp.resolve("WEB-INF/lib"));
        ExamplesAppIT.copyJars(
                Path.of(RunSettings.property("keyguard.it.webapp-zip")),
                webapp.resolve("WEB-INF/lib"));
        Path dataDir = instance.resolve("keyguard-data");

        Map<String, String> environment = Tomcat.environment(home, base);
        environment.put("KEYGUARD_DATA_DIR", dataDir.toString());
        URI app = URI.create("http://127.0.0.1:" + port + "/scopes/");
        try (ServerProcess tomcat = Tomcat.run("tomcat-scopes", home, base, environment)) {
            try {
                tomcat.awaitReady(
                        Container.START_TIMEOUT,
                        () -> {
                            if (Tomcat.startupFailed(tomcat)) {
                                throw new IllegalStateException("the scopes app did not start");
                            }
                            return Http.isUp(app.resolve("about.jsp"));
                        });
                assertTheConstraintIsEnforcedByScope(app, instance, dataDir);
            } catch (Exception | AssertionError e) {
                e.addSuppressed(tomcat.logEnd());
                throw e;
            }
            assertThat(tomcat.stop(Container.STOP_TIMEOUT)).as("stopped on SIGTERM").isTrue();
        }
    }

    private static void assertTheConstraintIsEnforcedByScope(URI app, Path instance, Path dataDir)
            throws Exception {
        URI leads = app.resolve("leads/list.jsp");
        assertThat(get(app.resolve("about.jsp"), null).body().strip())
                .as("an unconstrained page, untouched")
                .startsWith("principal=null;");

        HttpResponse<String> anonymous = get(leads, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"keyguard\"");

        String reader = mint(instance, dataDir, "--scopes", "leads:read");
        HttpResponse<String> read = get(leads, reader);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains(";authType=Bearer;leads:read=true;leads:write=false");

        String writer = mint(instance, dataDir, "--scopes", "leads:write");
        HttpResponse<String> refused = get(leads, writer);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("WWW-Authenticate"))
                .hasValue(
                        "Bearer realm=\"keyguard\", error=\"insufficient_scope\","
                                + " scope=\"leads:read\"");
        assertThat(refused.body()).contains("\"code\":\"insufficient_scope\"");

        assertThat(get(leads, mint(instance, dataDir)).body())
                .as("an unrestricted key")
                .contains("leads:read=true;leads:write=true");

        HttpResponse<String> elsewhere =
                get(
                        leads,
                        mint(
                                instance,
                                dataDir,
                                "--scopes",
                                "leads:read",
                                "--allowed-ips",
                                "192.0.2.0/24"));
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.body()).contains("\"code\":\"ip_not_allowed\"");

        HttpResponse<String> forged = get(leads, reader.substring(0, reader.length() - 1) + "x");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("WWW-Authenticate").orElse(""))
                .endsWith("error=\"invalid_token\"");
    }

    /** A key of the organisation acme, minted by the CLI through the running Keyguard's socket. */
    private static String mint(Path instance, Path dataDir, String... options) throws Exception {
        List<String> arguments =
                new ArrayList<>(
                        List.of("create-key", "--org", "acme", "--data-dir", dataDir.toString()));
        arguments.addAll(List.of(options));
        return CreateKeyCli.runJar(
                Path.of(RunSettings.property("keyguard.it.cli-jar")),
                arguments,
                instance.resolve("cli.log"));
    }

    private static HttpResponse<String> get(URI uri, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
