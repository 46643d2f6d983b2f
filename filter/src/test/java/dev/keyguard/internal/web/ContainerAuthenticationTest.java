package dev.keyguard.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.Scopes;
import dev.keyguard.internal.web.WebXmlConstraints.Kind;
import jakarta.security.auth.message.config.AuthConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyguard.container-authentication} on a real embedded Tomcat 11 deploying a real web app
 * directory (src/test/resources/container-webapp): its {@code web.xml} guards {@code /leads/*} by
 * scope with the container's own security constraints, which no Keyguard filter maps, and sends 403
 * to Keyguard's error page. Keyguard comes in by the drop-in, as a host would deploy it.
 */
class ContainerAuthenticationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final KeyOwner ACME =
            new KeyOwner("acme", new KeyUser("u-1", "Ada", "Lovelace", "ada@acme.test"));

    @TempDir Path dir;
    private Tomcat tomcat;
    private Context context;
    private Keyguard keyguard;

    @BeforeEach
    void start() throws Exception {
        // Copied out of the class path: the compat modules run this test from the test jar.
        Path webapp = Files.createDirectories(dir.resolve("webapp/WEB-INF"));
        try (var in = getClass().getResourceAsStream("/container-webapp/WEB-INF/web.xml")) {
            Files.copy(in, webapp.resolve("web.xml"));
        }
        webapp = webapp.getParent();
        Path base = Files.createDirectories(dir.resolve("tomcat"));
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        tomcat.setAddDefaultWebXmlToWebapp(false);
        context = tomcat.addWebapp("/app", webapp.toString());
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        context.addParameter("keyguard.data-dir", dir.resolve("data").toString());
        tomcat.start();
        assertThat(context.getState()).isEqualTo(LifecycleState.STARTED);
        keyguard =
                (Keyguard) context.getServletContext().getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
        assertThat(keyguard).as("the drop-in started Keyguard").isNotNull();
    }

    @AfterEach
    void stop() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Test
    void aKeyWithTheScopeIsLetInByTheContainersConstraint() throws Exception {
        String key = mint(Scopes.of("leads:read"), null);

        HttpResponse<String> response = get("/leads/7", key);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("principal=")
                .contains(";authType=Bearer;leads:read=true;leads:write=false");
    }

    @Test
    void aKeyWithoutTheScopeGetsInsufficientScopeNamingIt() throws Exception {
        String key = mint(Scopes.of("leads:write"), null);

        HttpResponse<String> response = get("/leads/7", key);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue(
                        "Bearer realm=\"keyguard\", error=\"insufficient_scope\","
                                + " scope=\"leads:read\"");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body())
                .startsWith("{\"success\":false,\"error\":{\"code\":\"insufficient_scope\"")
                .contains("leads:read");
    }

    @Test
    void theScopeNamedIsTheOneTheConstraintForTheMethodAsksFor() throws Exception {
        String reader = mint(Scopes.of("leads:read"), null);

        HttpResponse<String> post = send("POST", "/leads/7", reader);
        HttpResponse<String> writerPost =
                send("POST", "/leads/7", mint(Scopes.of("leads:write"), null));

        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(post.headers().firstValue("WWW-Authenticate").orElseThrow())
                .endsWith("scope=\"leads:write\"");
        assertThat(writerPost.statusCode()).isEqualTo(200);
        assertThat(writerPost.body()).contains("leads:write=true");
    }

    @Test
    void anUnrestrictedKeyHasEveryDeclaredScope() throws Exception {
        String key = mint(null, null);

        HttpResponse<String> response = get("/leads/7", key);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("leads:read=true;leads:write=true");
    }

    @Test
    void withoutAKeyTheConstrainedPathGetsTheBearerChallenge() throws Exception {
        HttpResponse<String> response = get("/leads/7", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"keyguard\"");
        assertThat(response.body()).contains("\"code\":\"unauthorized\"");
    }

    @Test
    void aRevokedKeyIsRefusedOnTheNextRequest() throws Exception {
        var created = keyguard.service().create(ACME, "revoked", null);
        assertThat(get("/leads/7", created.rawKey()).statusCode()).isEqualTo(200);

        keyguard.service().revoke("acme", created.key().id());
        HttpResponse<String> response = get("/leads/7", created.rawKey());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"keyguard\", error=\"invalid_token\"");
    }

    @Test
    void aKeyFromOutsideItsAllowedAddressesGetsIpNotAllowed() throws Exception {
        String elsewhere = mint(Scopes.of("leads:read"), IpAllowlist.of("192.0.2.0/24"));
        String here = mint(Scopes.of("leads:read"), IpAllowlist.of("127.0.0.1"));

        HttpResponse<String> refused = get("/leads/7", elsewhere);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(refused.body())
                .contains("\"code\":\"ip_not_allowed\"")
                .doesNotContain("192.0.2");
        assertThat(get("/leads/7", here).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnconstrainedPathPassesUntouchedWithOrWithoutAKey() throws Exception {
        assertThat(get("/about", null).body())
                .isEqualTo("principal=null;authType=null;leads:read=false;leads:write=false");
        assertThat(get("/about", "not-a-key").statusCode()).isEqualTo(200);
    }

    @Test
    void theFilterStillGuardsItsOwnPaths() throws Exception {
        String key = mint(Scopes.of("leads:read"), null);

        assertThat(get("/api/leads", null).statusCode()).isEqualTo(401);
        HttpResponse<String> response = get("/api/leads", key);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("leads:read=true;leads:write=false");
    }

    @Test
    void aRoleThatIsNoScopeIsAPlainForbidden() throws Exception {
        HttpResponse<String> response = get("/operators/list", mint(null, null));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(response.body()).contains("\"code\":\"forbidden\"");
    }

    @Test
    void theErrorPageIsNotThereWhenAskedForDirectly() throws Exception {
        assertThat(get(ContainerAuthentication.ERROR_PAGE, null).statusCode()).isEqualTo(404);
    }

    @Test
    void stoppingTheWebAppUnregistersKeyguardFromTheContainer() throws Exception {
        String appContext =
                context.getServletContext().getVirtualServerName()
                        + " "
                        + context.getServletContext().getContextPath();
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        assertThat(factory.getConfigProvider("HttpServlet", appContext, null)).isNotNull();

        context.stop();

        assertThat(factory.getConfigProvider("HttpServlet", appContext, null)).isNull();
    }

    @Test
    void withoutTheSettingKeyguardIsNotRegisteredWithTheContainer() throws Exception {
        Tomcat plain = new Tomcat();
        Path base = Files.createDirectories(dir.resolve("plain"));
        plain.setBaseDir(base.toString());
        plain.setPort(0);
        plain.getConnector();
        plain.getHost().setName("plain");
        plain.getEngine().setDefaultHost("plain");
        Context app = plain.addContext("/plain", base.toString());
        app.addParameter("keyguard.url-patterns", "/api/*");
        app.addParameter("keyguard.data-dir", dir.resolve("plain-data").toString());
        app.addServletContainerInitializer(new dev.keyguard.KeyguardInitializer(), null);
        try {
            plain.start();
            String appContext = app.getServletContext().getVirtualServerName() + " /plain";

            assertThat(
                            AuthConfigFactory.getFactory()
                                    .getConfigProvider("HttpServlet", appContext, null))
                    .isNull();
            assertThat(
                            app.getServletContext()
                                    .getServletRegistration(
                                            ContainerAuthentication.ERROR_SERVLET_NAME))
                    .isNull();
        } finally {
            plain.stop();
            plain.destroy();
        }
    }

    @Test
    void theWebXmlConstraintsReadAsTheContainerAppliesThem() throws Exception {
        WebXmlConstraints constraints;
        try (var in = getClass().getResourceAsStream("/container-webapp/WEB-INF/web.xml")) {
            constraints = WebXmlConstraints.read(in);
        }

        assertThat(constraints.forbiddenPage()).isEqualTo(ContainerAuthentication.ERROR_PAGE);
        assertThat(constraints.required("GET", "/leads/7").roles()).containsExactly("leads:read");
        assertThat(constraints.required("GET", "/leads").roles()).containsExactly("leads:read");
        assertThat(constraints.required("DELETE", "/leads/7").roles())
                .containsExactly("leads:write");
        assertThat(constraints.required("GET", "/leadsx").kind()).isEqualTo(Kind.NONE);
        assertThat(constraints.required("GET", "/").kind()).isEqualTo(Kind.NONE);
    }

    private String mint(Scopes scopes, IpAllowlist allowedIps) {
        return keyguard.service()
                .create(
                        dev.keyguard.Caller.operator(ACME),
                        new dev.keyguard.NewKey("test", null, scopes, allowedIps))
                .rawKey();
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return send("GET", path, key);
    }

    private HttpResponse<String> send(String method, String path, String key) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:"
                                                + tomcat.getConnector().getLocalPort()
                                                + "/app"
                                                + path))
                        .method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
