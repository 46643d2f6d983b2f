package dev.keyguard.admin.roles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Caller;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyOwner;
import dev.keyguard.Keyguard;
import dev.keyguard.NewKey;
import dev.keyguard.Scopes;
import dev.keyguard.admin.testing.Api;
import dev.keyguard.admin.testing.Reply;
import dev.keyguard.admin.testing.TestKeyguards;
import dev.keyguard.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code @RolesAllowed} enforced by a JAX-RS runtime behind Keyguard's filter, the roles being the
 * key's scopes: a key with the scope reaches the resource; one without gets 403 {@code
 * insufficient_scope} with the challenge naming the scope, however the runtime refuses (Jersey by
 * {@code sendError}, RESTEasy by {@code setStatus} and a body of its own); an unrestricted key
 * reaches everything. Written once; each subclass names the runtime (its servlet, as {@code
 * web.xml} would declare it) and the container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RolesAllowedContract {

    private Keyguard keyguard;
    private ServletHost host;
    private Api api;

    /** The container: {@link JettyHost#start} or {@link TomcatHost#start}. */
    protected abstract ServletHost.Starter container();

    /** The runtime's servlet class. */
    protected abstract String servletClass();

    /** Its init-params: the host's application with {@link LeadsResource}, roles enforced. */
    protected abstract Map<String, String> initParams();

    @BeforeAll
    void start() throws Exception {
        keyguard =
                Keyguard.start(
                        TestDatabase.h2()
                                .config()
                                .realm("x")
                                .scopes(List.of("leads:read", "leads:write", "reports:read"))
                                .lastUsedFlushInterval(Duration.ofHours(1))
                                .build());
        host = container().start(new ApiKeyFilter(keyguard), servletClass(), initParams());
        api = new Api(host.base());
    }

    @AfterAll
    void stop() {
        if (host != null) {
            host.close();
        }
        if (keyguard != null) {
            keyguard.close();
        }
    }

    /** A key of an organisation of its own: the tests make more than one organisation may hold. */
    private String key(Scopes scopes) {
        KeyOwner owner = new KeyOwner("org-" + UUID.randomUUID(), TestKeyguards.alice());
        return keyguard.service()
                .create(
                        Caller.operator(owner),
                        new NewKey("roles", null, scopes, IpAllowlist.anywhere()))
                .rawKey();
    }

    private static void assertInsufficientScope(Reply reply, String scope) {
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.headers().allValues("WWW-Authenticate"))
                .containsExactly(
                        "Bearer realm=\"x\", error=\"insufficient_scope\", scope=\""
                                + scope
                                + "\"");
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.text())
                .isEqualTo(
                        "{\"success\":false,\"error\":{\"code\":\"insufficient_scope\","
                                + "\"message\":\"The API key lacks the scope this needs: "
                                + scope
                                + ".\"}}");
    }

    @Test
    void aKeyWithTheScopeReachesTheResource() {
        String reader = key(Scopes.of("leads:read"));
        String writer = key(Scopes.of("leads:write"));

        Reply list = api.get("leads", reader);
        Reply create = api.post("leads", writer, null);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text()).isEqualTo("the leads");
        assertThat(create.status()).isEqualTo(201);
        assertThat(create.text()).isEqualTo("created");
    }

    @Test
    void aKeyWithoutTheScopeGets403InsufficientScopeNamingIt() {
        String reader = key(Scopes.of("leads:read"));
        String writer = key(Scopes.of("leads:write"));

        assertInsufficientScope(api.post("leads", reader, null), "leads:write");
        assertInsufficientScope(api.get("leads", writer), "leads:read");
    }

    @Test
    void keysWithNoScopeOrOnlyKeysManageReachNothingGuarded() {
        for (Scopes scopes : List.of(Scopes.of(List.of()), Scopes.of(Scopes.KEYS_MANAGE))) {
            String key = key(scopes);

            assertInsufficientScope(api.get("leads", key), "leads:read");
            assertInsufficientScope(api.post("leads", key, null), "leads:write");
        }
    }

    @Test
    void anUnrestrictedKeyReachesEveryResource() {
        String unrestricted = key(Scopes.unrestricted());

        assertThat(api.get("leads", unrestricted).status()).isEqualTo(200);
        assertThat(api.post("leads", unrestricted, null).status()).isEqualTo(201);
        assertThat(api.get("leads/report", unrestricted).status()).isEqualTo(200);
    }

    @Test
    void anyOfSeveralRolesWillDoAndARefusalNamesThemAll() {
        assertThat(api.get("leads/report", key(Scopes.of("reports:read"))).status()).isEqualTo(200);
        assertThat(api.get("leads/report", key(Scopes.of("leads:read"))).status()).isEqualTo(200);

        assertInsufficientScope(
                api.get("leads/report", key(Scopes.of("leads:write"))), "leads:read reports:read");
    }

    @Test
    void a403ThatAskedForNoScopeIsTheRuntimesOwn() {
        String writer = key(Scopes.of("leads:write"));

        Reply denied = api.get("leads/closed", writer);

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.header("WWW-Authenticate")).isNull();
        assertThat(denied.text()).doesNotContain("insufficient_scope");
        assertThat(api.get("leads/open", key(Scopes.of(List.of()))).status()).isEqualTo(200);
    }

    @Test
    void withoutAKeyTheFilterAnswersFirst() {
        Reply reply = api.get("leads", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"x\"");
    }
}
