package dev.keyguard.admin.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Caller;
import dev.keyguard.KeyOwner;
import dev.keyguard.Keyguard;
import dev.keyguard.NewKey;
import dev.keyguard.Scopes;
import dev.keyguard.admin.testing.AdminServer;
import dev.keyguard.admin.testing.Api;
import dev.keyguard.admin.testing.Reply;
import dev.keyguard.admin.testing.TestKeyguards;
import dev.keyguard.testing.MutableClock;
import dev.keyguard.testing.TestDatabase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An attacker's look at {@code keyguard.path-scopes} in front of a host's JAX-RS resource: a key
 * with {@code leads:read} only must not reach the {@code POST} that the rule {@code POST
 * /host/leads leads:write} guards, whatever spelling of its path or method the runtime still routes
 * to it. JAX-RS runtimes serve {@code @Path("host/leads")} at {@code /host/leads/} too, so the
 * exact rule was passed by a trailing slash (also hidden behind a {@code ;} path parameter);
 * RESTEasy serves the method {@code post} as {@code POST}, so the rule was passed by a lower-case
 * method. A subclass gives the runtime's servlet for {@link LeadsApplication}, mapped to {@code
 * /*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PathScopesContract {

    private Keyguard keyguard;
    private AdminServer server;
    private Api api;
    private String reader;

    /** The runtime's servlet serving {@link LeadsApplication}. */
    protected abstract ServletHolder hostJaxRs();

    @BeforeAll
    void start() {
        keyguard =
                Keyguard.start(
                        TestDatabase.h2()
                                .config()
                                .clock(new MutableClock(Instant.parse("2026-05-04T10:00:00Z")))
                                .scopes(TestKeyguards.SCOPES)
                                .pathScopes(
                                        List.of(
                                                "GET|HEAD /host/leads leads:read",
                                                "POST /host/leads leads:write"))
                                .lastUsedFlushInterval(Duration.ofHours(1))
                                .build());
        server = AdminServer.start(keyguard, hostJaxRs());
        api = new Api(server.base());
        reader =
                keyguard.service()
                        .create(
                                Caller.operator(new KeyOwner("org-a", TestKeyguards.alice())),
                                new NewKey("reader", null, Scopes.of("leads:read"), null))
                        .rawKey();
    }

    @AfterAll
    void stop() {
        server.close();
        keyguard.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"host/leads", "host/leads/", "host/leads//", "host/leads/;x=1"})
    void aKeyWithoutTheScopeCannotReachTheGuardedMethodByAnotherSpellingOfItsPath(String path) {
        Reply reply =
                api.send(
                        "POST",
                        path,
                        reader,
                        "text/plain",
                        "lead".getBytes(StandardCharsets.UTF_8),
                        Map.of());

        assertThat(reply.text()).doesNotContain("written");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().at("/error/code").asText()).isEqualTo("insufficient_scope");
        assertThat(reply.header("WWW-Authenticate")).contains("scope=\"leads:write\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"post", "Post"})
    void aKeyWithoutTheScopeCannotReachTheGuardedMethodByAnotherSpellingOfItsName(String method) {
        Reply reply =
                api.send(
                        method,
                        "host/leads",
                        reader,
                        "text/plain",
                        "lead".getBytes(StandardCharsets.UTF_8),
                        Map.of());

        assertThat(reply.text()).doesNotContain("written");
        assertThat(reply.status()).isIn(403, 405);
        if (reply.status() == 403) {
            assertThat(reply.json().at("/error/code").asText()).isEqualTo("insufficient_scope");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"host/leads", "host/leads/"})
    void theKeyStillReadsWithTheScopeItHas(String path) {
        Reply reply = api.get(path, reader);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("read");
    }

    /** The host's application: one resource, read by GET, written by POST. */
    public static class LeadsApplication extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(Leads.class);
        }
    }

    /** The host's resource, guarded by nothing but {@code keyguard.path-scopes}. */
    @Path("host/leads")
    public static class Leads {
        @GET
        public String read() {
            return "read";
        }

        @POST
        public String write(String body) {
            return "written";
        }
    }
}
