package dev.keyguard.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Caller;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.NewKey;
import dev.keyguard.Scopes;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.SecurityEvents;
import dev.keyguard.testing.TestDatabase;
import dev.keyguard.testing.TestKeys;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The filter's side of restricted keys, over real HTTP against a real container: allowed addresses
 * (403 {@code ip_not_allowed}), {@code keyguard.path-scopes} (403 {@code insufficient_scope} with
 * its challenge), {@code isUserInRole} by scope, and a host's own 403 after a refused scope.
 * Written once; each container's subclass only says how to deploy. Client addresses other than
 * loopback are played with {@code X-Forwarded-For}, as a proxy would send them (see {@link
 * JettyDeployment}, {@link TomcatDeployment}).
 */
abstract class RestrictedKeysContract {

    static final KeyOwner ALICE =
            new KeyOwner("org-1", new KeyUser("user-1", "Alice", "Smith", "alice@example.com"));
    static final List<String> DECLARED =
            List.of("leads:read", "leads:write", "reports:read", "admin:all");
    static final String IP_NOT_ALLOWED_BODY =
            "{\"success\":false,\"error\":{\"code\":\"ip_not_allowed\","
                    + "\"message\":\"The API key may not be used from this address.\"}}";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
    Keyguard keyguard;
    Deployment deployment;

    /** Starts the container with the filter on {@code /api/*}. */
    abstract Deployment deploy(Filter filter, Map<String, String> initParams) throws Exception;

    @AfterEach
    void stop() throws Exception {
        if (deployment != null) {
            deployment.stop();
        }
        if (keyguard != null) {
            keyguard.close();
        }
    }

    /** A Keyguard made in code with the scopes of {@link #DECLARED}, realm "x", behind a filter. */
    void deployInCode(UnaryOperator<KeyguardConfig.Builder> settings) throws Exception {
        KeyguardConfig.Builder builder =
                TestDatabase.h2()
                        .config()
                        .clock(clock)
                        .realm("x")
                        .scopes(DECLARED)
                        .lastUsedFlushInterval(Duration.ofHours(1))
                        .eventsPollInterval(Duration.ofHours(1));
        keyguard = Keyguard.start(settings.apply(builder).build());
        deployment = deploy(new ApiKeyFilter(keyguard), Map.of());
    }

    String key(Scopes scopes, IpAllowlist allowedIps) {
        return keyguard.service()
                .create(Caller.operator(ALICE), new NewKey("test", null, scopes, allowedIps))
                .rawKey();
    }

    String keyWith(String... scopes) {
        return key(Scopes.of(scopes), IpAllowlist.anywhere());
    }

    String keyFrom(String... blocks) {
        return key(Scopes.unrestricted(), IpAllowlist.of(blocks));
    }

    HttpResponse<String> send(String method, String path, String key, String address)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(deployment.uri(path))
                        .method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (address != null) {
            request.header("X-Forwarded-For", address);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return send("GET", path, key, null);
    }

    /** A request from {@code address}, as a proxy in front of the container would say. */
    HttpResponse<String> from(String address, String key) throws IOException, InterruptedException {
        return send("GET", "/api/whoami", key, address);
    }

    static void assertIpNotAllowed(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/json");
        assertThat(response.body()).isEqualTo(IP_NOT_ALLOWED_BODY);
    }

    static void assertInsufficientScope(HttpResponse<String> response, String scope) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .containsExactly(
                        "Bearer realm=\"x\", error=\"insufficient_scope\", scope=\""
                                + scope
                                + "\"");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/json");
        assertThat(response.body())
                .isEqualTo(
                        "{\"success\":false,\"error\":{\"code\":\"insufficient_scope\","
                                + "\"message\":\"The API key lacks the scope this needs: "
                                + scope
                                + ".\"}}");
    }

    /** 403 insufficient_scope as a HEAD gets it: the status and the challenge, no body. */
    static void assertHeadInsufficientScope(HttpResponse<String> response, String scope) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue(
                        "Bearer realm=\"x\", error=\"insufficient_scope\", scope=\""
                                + scope
                                + "\"");
        assertThat(response.body()).isEmpty();
    }

    // ---- allowed addresses ----

    @Test
    void aKeyAllowedOnlyElsewhereGets403IpNotAllowedWithoutChallengeAndWithoutItsList()
            throws Exception {
        deployInCode(b -> b);
        String key = keyFrom("198.51.100.0/24", "2001:db8:1::/48");

        for (String outside :
                List.of("203.0.113.5", "198.51.101.1", "2001:db8:2::1", "::1", "127.0.0.1")) {
            HttpResponse<String> response = from(outside, key);

            assertIpNotAllowed(response);
            assertThat(response.body()).doesNotContain("198.51").doesNotContain("2001:db8");
        }
        assertThat(from("198.51.100.20", key).statusCode()).isEqualTo(200);
        assertThat(from("2001:db8:1:2::5", key).statusCode()).isEqualTo(200);
        assertThat(from("2001:DB8:1:0:0:0:0:9", key).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnrestrictedKeyIsAllowedFromAnywhere() throws Exception {
        deployInCode(b -> b);
        String key = key(Scopes.unrestricted(), IpAllowlist.anywhere());

        for (String address : List.of("203.0.113.5", "2001:db8::1", "::ffff:10.0.0.1")) {
            assertThat(from(address, key).statusCode()).as(address).isEqualTo(200);
        }
        assertThat(get("/api/whoami", key).statusCode()).isEqualTo(200);
    }

    @Test
    void anIpv4MappedClientIsItsIpv4AddressForTheList() throws Exception {
        deployInCode(b -> b);
        String loopback = keyFrom("127.0.0.1");
        String mappedBlock = keyFrom("::ffff:127.0.0.0/104");

        assertThat(from("::ffff:127.0.0.1", loopback).statusCode()).isEqualTo(200);
        assertIpNotAllowed(from("::ffff:127.0.0.2", loopback));
        assertThat(from("127.0.0.1", mappedBlock).statusCode()).isEqualTo(200);
        assertThat(from("127.1.2.3", mappedBlock).statusCode()).isEqualTo(200);
        assertThat(from("::ffff:127.1.2.3", mappedBlock).statusCode()).isEqualTo(200);
        assertIpNotAllowed(from("128.0.0.1", mappedBlock));
        assertIpNotAllowed(from("::1", mappedBlock));
    }

    @Test
    void theAddressOfTheConnectionItselfIsCheckedOverIpv4AndIpv6() throws Exception {
        deployInCode(b -> b);
        String ipv4Loopback = keyFrom("127.0.0.0/8");
        String ipv6Loopback = keyFrom("::1");

        assertThat(get("/api/whoami", ipv4Loopback).statusCode()).isEqualTo(200);
        assertIpNotAllowed(get("/api/whoami", ipv6Loopback));

        assumeTrue(ipv6LoopbackWorks(), "no IPv6 loopback here");
        URI overIpv6 =
                URI.create(deployment.uri("/api/whoami").toString().replace("127.0.0.1", "[::1]"));
        HttpResponse<String> v6 =
                HTTP.send(
                        HttpRequest.newBuilder(overIpv6)
                                .header("Authorization", "Bearer " + ipv6Loopback)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> v4 =
                HTTP.send(
                        HttpRequest.newBuilder(overIpv6)
                                .header("Authorization", "Bearer " + ipv4Loopback)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(v6.statusCode()).isEqualTo(200);
        assertIpNotAllowed(v4);
    }

    private boolean ipv6LoopbackWorks() {
        URI uri = deployment.uri("/");
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(InetAddress.getByName("::1"), uri.getPort()), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aRefusalForTheAddressNeverCountsTowardTheBadKeyThrottle() throws Exception {
        deployInCode(b -> b.throttleMaxFailures(2).throttleBlock(Duration.ofMinutes(1)));
        String key = keyFrom("198.51.100.0/24");

        for (int i = 0; i < 10; i++) {
            assertIpNotAllowed(from("203.0.113.9", key));
        }

        assertThat(from("203.0.113.9", TestKeys.unminted()).statusCode())
                .as("first unknown key: not throttled")
                .isEqualTo(401);
        assertThat(from("203.0.113.9", TestKeys.unminted()).statusCode()).isEqualTo(401);
        assertThat(from("203.0.113.9", TestKeys.unminted()).statusCode())
                .as("the throttle still counts unknown keys")
                .isEqualTo(429);
        assertIpNotAllowed(from("203.0.113.9", key));
        assertThat(from("198.51.100.1", key).statusCode()).isEqualTo(200);
    }

    // ---- keyguard.path-scopes ----

    static final List<String> RULES =
            List.of(
                    "GET /api/leads/* leads:read",
                    "POST|PUT|DELETE /api/leads/* leads:write",
                    "*.csv reports:read",
                    "/api/admin admin:all");

    @Test
    void aKeyWithoutTheScopeARuleNeedsGets403NamingItInTheChallengeAndTheBody() throws Exception {
        deployInCode(b -> b.pathScopes(RULES));
        String reader = keyWith("leads:read");
        String writer = keyWith("leads:write");

        assertThat(get("/api/leads/1", reader).statusCode()).isEqualTo(200);
        assertInsufficientScope(send("POST", "/api/leads/1", reader, null), "leads:write");
        assertInsufficientScope(send("DELETE", "/api/leads", reader, null), "leads:write");
        assertThat(send("POST", "/api/leads/1", writer, null).statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/api/leads/1/notes", writer, null).statusCode()).isEqualTo(200);
        assertInsufficientScope(get("/api/leads/1", writer), "leads:read");
        assertInsufficientScope(get("/api/leads", writer), "leads:read");
    }

    @Test
    void headNeedsWhatGetNeeds() throws Exception {
        deployInCode(b -> b.pathScopes(RULES));
        String reader = keyWith("leads:read");
        String writer = keyWith("leads:write");

        assertThat(send("HEAD", "/api/leads/1", reader, null).statusCode()).isEqualTo(200);
        assertHeadInsufficientScope(send("HEAD", "/api/leads/1", writer, null), "leads:read");
    }

    @Test
    void theFirstRuleThatMatchesDecidesAndARequestNoRuleMatchesNeedsNoScope() throws Exception {
        deployInCode(b -> b.pathScopes(RULES));
        String reports = keyWith("reports:read");
        String none = key(Scopes.of(List.of()), IpAllowlist.anywhere());

        assertThat(get("/api/reports/2026.csv", reports).statusCode()).isEqualTo(200);
        assertInsufficientScope(get("/api/reports/2026.csv", none), "reports:read");
        assertInsufficientScope(get("/api/leads/export.csv", reports), "leads:read");
        assertThat(get("/api/reports/2026.json", none).statusCode()).isEqualTo(200);
        assertThat(get("/api/leadsx", none).statusCode()).isEqualTo(200);
        assertThat(send("PATCH", "/api/leads/1", none, null).statusCode())
                .as("no rule names PATCH: the host answers it")
                .isNotEqualTo(403);
        assertInsufficientScope(get("/api/admin", reports), "admin:all");
        assertThat(get("/api/admin/users", none).statusCode()).as("exact only").isEqualTo(200);
    }

    @Test
    void anUnrestrictedKeyMeetsEveryRule() throws Exception {
        deployInCode(b -> b.pathScopes(RULES));
        String all = key(Scopes.unrestricted(), IpAllowlist.anywhere());

        for (String path : List.of("/api/leads/1", "/api/x.csv", "/api/admin", "/api/other")) {
            assertThat(get(path, all).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(send("POST", "/api/leads/1", all, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRuleForEverythingCoversEveryPathTheFirstMatchStillWinning() throws Exception {
        deployInCode(
                b -> b.pathScopes(List.of("GET|HEAD /api/public/* reports:read", "/* admin:all")));
        String reports = keyWith("reports:read");
        String admin = keyWith("admin:all");

        assertThat(get("/api/public/doc", reports).statusCode()).isEqualTo(200);
        assertInsufficientScope(get("/api/whoami", reports), "admin:all");
        assertInsufficientScope(send("POST", "/api/public/doc", reports, null), "admin:all");
        assertThat(get("/api/whoami", admin).statusCode()).isEqualTo(200);
        assertInsufficientScope(get("/api/public/doc", admin), "reports:read");
    }

    @Test
    void aPathSpelledAnotherWayNeedsTheSameScope() throws Exception {
        deployInCode(b -> b.pathScopes(RULES));
        String writer = keyWith("leads:write");

        List<String> spellings =
                List.of(
                        "/api//leads/1",
                        "/api/leads//1",
                        "/api/./leads/1",
                        "/api/x/../leads/1",
                        "/api/%6Ceads/1",
                        "/api/leads;a=b/1",
                        "/api/leads/1;a=b",
                        "/api/leads%2F1");
        List<String> reached = new ArrayList<>();
        for (String spelling : spellings) {
            HttpResponse<String> response = get(spelling, writer);
            if (response.statusCode() == 200) {
                reached.add(spelling + " -> " + response.body());
            } else if (response.statusCode() == 403) {
                assertInsufficientScope(response, "leads:read");
            } else {
                assertThat(response.statusCode()).as(spelling).isEqualTo(400);
            }
        }
        assertThat(reached).as("reached the host without leads:read").isEmpty();
    }

    @Test
    void withoutAMatchingScopeTheAddressIsCheckedFirst() throws Exception {
        deployInCode(b -> b.pathScopes(RULES));
        String key = key(Scopes.of("leads:write"), IpAllowlist.of("198.51.100.0/24"));

        assertIpNotAllowed(send("GET", "/api/leads/1", key, "203.0.113.1"));
        assertInsufficientScope(send("GET", "/api/leads/1", key, "198.51.100.1"), "leads:read");
    }

    @Test
    void rulesAndScopesFromInitParamsWork() throws Exception {
        String url = TestDatabase.h2().url();
        deployment =
                deploy(
                        null,
                        Map.of(
                                KeyguardConfig.JDBC_URL.name(), url,
                                KeyguardConfig.JDBC_USER.name(), "sa",
                                KeyguardConfig.REALM.name(), "x",
                                KeyguardConfig.SCOPES.name(), "leads:read, leads:write",
                                KeyguardConfig.PATH_SCOPES.name(),
                                        "GET|HEAD /api/leads/* leads:read,"
                                                + " /api/leads/* leads:write"));
        Keyguard published = (Keyguard) deployment.contextAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
        String writer =
                published
                        .service()
                        .create(
                                Caller.operator(ALICE),
                                new NewKey(
                                        "w",
                                        null,
                                        Scopes.of("leads:write"),
                                        IpAllowlist.anywhere()))
                        .rawKey();

        assertInsufficientScope(get("/api/leads/1", writer), "leads:read");
        assertThat(send("POST", "/api/leads/1", writer, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRuleNamingAnUndeclaredScopeOrMalformedFailsTheFilterNamingTheParameter() {
        String url = TestDatabase.h2().url();
        Map<String, String> undeclared =
                Map.of(
                        KeyguardConfig.JDBC_URL.name(), url,
                        KeyguardConfig.SCOPES.name(), "leads:read",
                        KeyguardConfig.PATH_SCOPES.name(), "GET /api/leads/* leads:wirte");
        Map<String, String> malformed =
                Map.of(
                        KeyguardConfig.JDBC_URL.name(), url,
                        KeyguardConfig.SCOPES.name(), "leads:read",
                        KeyguardConfig.PATH_SCOPES.name(), "GET /api/leads/*/x leads:read");
        Map<String, String> badScopes =
                Map.of(
                        KeyguardConfig.JDBC_URL.name(),
                        url,
                        KeyguardConfig.SCOPES.name(),
                        "Leads:Read");

        assertThat(initFailure(undeclared))
                .contains("keyguard.path-scopes")
                .contains("'leads:wirte' is not declared in keyguard.scopes (leads:read)");
        assertThat(initFailure(malformed))
                .contains("keyguard.path-scopes")
                .contains("GET /api/leads/*/x leads:read");
        assertThat(initFailure(badScopes)).contains("keyguard.scopes").contains("Leads:Read");
    }

    /**
     * What went wrong when the container made the filter with these init-params: the messages of
     * the exception that failed the start and of what the container logged meanwhile. Fails if the
     * app then served a request without a key.
     */
    String initFailure(Map<String, String> initParams) {
        List<String> messages = new ArrayList<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logback = new ListAppender<>();
        logback.start();
        root.addAppender(logback);
        java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler jul =
                new Handler() {
                    @Override
                    public void publish(LogRecord record) {
                        records.add(record);
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        julRoot.addHandler(jul);
        try {
            Deployment started = deploy(null, initParams);
            try {
                assertThat(get("/api/whoami", null).statusCode())
                        .as("an app whose filter failed serves nothing")
                        .isNotEqualTo(200);
            } finally {
                started.stop();
            }
        } catch (Exception e) {
            addChain(messages, e);
        } finally {
            root.detachAppender(logback);
            julRoot.removeHandler(jul);
        }
        for (ILoggingEvent event : logback.list) {
            messages.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                messages.add(t.getMessage());
            }
        }
        for (LogRecord record : records) {
            messages.add(record.getMessage());
            addChain(messages, record.getThrown());
        }
        return String.join("\n", messages.stream().map(String::valueOf).toList());
    }

    private static void addChain(List<String> messages, Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            messages.add(t.getMessage());
        }
    }

    // ---- isUserInRole ----

    HttpResponse<String> roles(String key, String... roles) throws Exception {
        StringBuilder query = new StringBuilder();
        for (String role : roles) {
            query.append(query.length() == 0 ? "?" : "&").append("role=").append(role);
        }
        return get("/api/whoami" + query, key);
    }

    @Test
    void isUserInRoleIsTrueForADeclaredScopeTheKeyHasAndFalseForAnyOtherName() throws Exception {
        deployInCode(b -> b);
        String reader = keyWith("leads:read");
        String manager = keyWith("keys:manage");
        String unrestricted = key(Scopes.unrestricted(), IpAllowlist.anywhere());
        String none = key(Scopes.of(List.of()), IpAllowlist.anywhere());
        String[] names = {"leads:read", "leads:write", "keys:manage", "undeclared", "LEADS:READ"};

        assertThat(roles(reader, names).body())
                .endsWith(
                        ";role:leads:read=true;role:leads:write=false;role:keys:manage=false"
                                + ";role:undeclared=false;role:LEADS:READ=false");
        assertThat(roles(manager, names).body())
                .endsWith(
                        ";role:leads:read=false;role:leads:write=false;role:keys:manage=true"
                                + ";role:undeclared=false;role:LEADS:READ=false");
        assertThat(roles(unrestricted, names).body())
                .endsWith(
                        ";role:leads:read=true;role:leads:write=true;role:keys:manage=true"
                                + ";role:undeclared=false;role:LEADS:READ=false");
        assertThat(roles(none, names).body())
                .endsWith(
                        ";role:leads:read=false;role:leads:write=false;role:keys:manage=false"
                                + ";role:undeclared=false;role:LEADS:READ=false");
        assertThat(roles(unrestricted, "*", "**", "").body())
                .endsWith(";role:*=false;role:**=false;role:=false");
    }

    @Test
    void withoutDeclaredScopesAnUnrestrictedKeyHasKeysManageOnly() throws Exception {
        deployInCode(b -> b.scopes(List.of()));
        String unrestricted = key(Scopes.unrestricted(), IpAllowlist.anywhere());

        assertThat(roles(unrestricted, "leads:read", "keys:manage").body())
                .endsWith(";role:leads:read=false;role:keys:manage=true");
    }

    // ---- the host's own 403 after a refused scope ----

    @Test
    void aHostsSendError403AfterARefusedScopeBecomesInsufficientScopeNamingIt() throws Exception {
        deployInCode(b -> b);
        String reader = keyWith("leads:read");

        assertInsufficientScope(get("/api/whoami?require=leads:write", reader), "leads:write");
        assertThat(get("/api/whoami?require=leads:read", reader).statusCode()).isEqualTo(200);
    }

    @Test
    void aHostsSetStatus403AfterARefusedScopeBecomesInsufficientScopeNamingIt() throws Exception {
        deployInCode(b -> b);
        String reader = keyWith("leads:read");

        assertInsufficientScope(
                get("/api/whoami?require=leads:write&refuse=setStatus", reader), "leads:write");
    }

    @Test
    void aHostsOwn403ForANameThatIsNoScopeIsLeftAlone() throws Exception {
        deployInCode(b -> b);
        String reader = keyWith("leads:read");

        for (String refuse : List.of("sendError", "setStatus")) {
            HttpResponse<String> response =
                    get("/api/whoami?require=admin-role&refuse=" + refuse, reader);

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
            assertThat(response.body()).doesNotContain("insufficient_scope");
        }
        assertThat(get("/api/whoami?require=admin-role&refuse=setStatus", reader).body())
                .isEqualTo("the host says no");
    }

    // ---- the security log ----

    @Test
    void theSecurityLogSaysEachRefusalForTheAddressOrAScopeTheHostsOwnIncluded() throws Exception {
        deployInCode(b -> b.pathScopes(RULES));
        String reader = keyWith("leads:read");
        String fenced = keyFrom("198.51.100.0/24");
        String readerId = keyguard.verify(reader).orElseThrow().keyId();
        String fencedId = keyguard.verify(fenced).orElseThrow().keyId();

        try (SecurityEvents events = SecurityEvents.open()) {
            assertIpNotAllowed(from("203.0.113.9", fenced));
            assertInsufficientScope(send("POST", "/api/leads/1", reader, null), "leads:write");
            assertInsufficientScope(get("/api/whoami?require=leads:write", reader), "leads:write");
            assertThat(get("/api/leads/1", reader).statusCode()).isEqualTo(200);

            List<String> lines = events.lines();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0))
                    .isEqualTo(
                            "event=address.refused outcome=ip_not_allowed org=org-1 key="
                                    + fencedId
                                    + " prefix=- address=203.0.113.9 reason=-");
            assertThat(lines.get(1))
                    .startsWith(
                            "event=scope.refused outcome=insufficient_scope org=org-1 key="
                                    + readerId
                                    + " prefix=- address=")
                    .endsWith(" reason=leads:write");
            assertThat(lines.get(2))
                    .as("the host's own 403 after isUserInRole")
                    .startsWith(
                            "event=scope.refused outcome=insufficient_scope org=org-1 key="
                                    + readerId)
                    .endsWith(" reason=leads:write");
            assertThat(events.parsed()).allSatisfy(fields -> assertThat(fields).hasSize(7));
        }
    }
}
