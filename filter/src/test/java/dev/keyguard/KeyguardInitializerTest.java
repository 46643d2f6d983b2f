package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.internal.web.WhoAmIServlet;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, the drop-in: Keyguard's jars and {@code keyguard.url-patterns} as a context-param are
 * enough. On a real embedded Tomcat 11 whose web app has no Keyguard entry of its own, the
 * initializer registers the filter on exactly the patterns given; without the parameter it does
 * nothing; a filter the web app declares stands; a bad pattern stops the web app.
 */
class KeyguardInitializerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir Path dir;
    private Tomcat tomcat;
    private Context context;

    @AfterEach
    void stop() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Test
    void theContainerFindsTheInitializerInTheJar() {
        assertThat(ServiceLoader.load(ServletContainerInitializer.class).stream())
                .anyMatch(provider -> provider.type() == KeyguardInitializer.class);
    }

    @Test
    void withThePatternsTheFilterGuardsExactlyThem() throws Exception {
        start(Map.of("keyguard.url-patterns", "/api/*, /report"), false);

        assertThat(get("/api/leads", null).statusCode()).isEqualTo(401);
        assertThat(get("/report", null).statusCode()).isEqualTo(401);
        assertThat(get("/index", null).body()).contains("principal=null");
        assertThat(get("/reports", null).statusCode()).isEqualTo(200);

        String key = mint();
        HttpResponse<String> guarded = get("/api/leads", key);
        assertThat(guarded.statusCode()).isEqualTo(200);
        assertThat(guarded.body()).contains("org=acme");
        assertThat(context.getServletContext().getFilterRegistration("keyguard").getClassName())
                .isEqualTo(ApiKeyFilter.class.getName());
    }

    @Test
    void withoutThePatternsNothingIsRegistered() throws Exception {
        start(Map.of(), false);

        assertThat(get("/api/leads", null).statusCode()).isEqualTo(200);
        assertThat(context.getServletContext().getFilterRegistrations()).isEmpty();
        assertThat(context.getServletContext().getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE))
                .isNull();
    }

    @Test
    void aFilterTheWebAppDeclaresStandsAlone() throws Exception {
        start(Map.of("keyguard.url-patterns", "/*"), true);

        assertThat(context.getServletContext().getFilterRegistrations()).hasSize(1);
        assertThat(get("/api/leads", null).statusCode()).isEqualTo(401);
        assertThat(get("/index", null).statusCode()).as("only web.xml's /api/*").isEqualTo(200);
    }

    /** An app that did not configure Keyguard is not stopped by another setting of the JVM's. */
    @Test
    void withoutThePatternsOtherKeyguardSettingsAreNotEvenRead() throws Exception {
        start(Map.of("keyguard.admin-api", "maybe"), false);

        assertThat(context.getState()).isEqualTo(LifecycleState.STARTED);
        assertThat(context.getServletContext().getFilterRegistrations()).isEmpty();
    }

    @Test
    void aBadPatternStopsTheWebApp() throws Exception {
        start(Map.of("keyguard.url-patterns", "api/*"), false);

        assertThat(context.getState()).isNotEqualTo(LifecycleState.STARTED);
    }

    private void start(Map<String, String> contextParams, boolean declareFilter) throws Exception {
        Path base = Files.createDirectories(dir.resolve("tomcat"));
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        context = tomcat.addContext("", base.toString());
        context.addParameter("keyguard.data-dir", dir.resolve("data").toString());
        contextParams.forEach(context::addParameter);
        context.addServletContainerInitializer(new KeyguardInitializer(), null);
        Tomcat.addServlet(context, "whoami", new WhoAmIServlet());
        context.addServletMapping("/*", "whoami");
        if (declareFilter) {
            FilterDef def = new FilterDef();
            def.setFilterName("declared");
            def.setFilterClass(ApiKeyFilter.class.getName());
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName("declared");
            map.addURLPattern("/api/*");
            context.addFilterMap(map);
        }
        tomcat.start();
    }

    private String mint() {
        Keyguard keyguard =
                (Keyguard) context.getServletContext().getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
        return keyguard.service()
                .create(
                        new KeyOwner(
                                "acme", new KeyUser("u-1", "Ada", "Lovelace", "ada@acme.test")),
                        "drop-in",
                        null)
                .rawKey();
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(
                        URI.create(
                                "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
