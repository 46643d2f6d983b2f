package dev.keyguard.admin.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Caller;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.NewKey;
import dev.keyguard.Scopes;
import dev.keyguard.admin.testing.AdminServer;
import dev.keyguard.testing.TestDatabase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attacker holds a key restricted to {@code reports:read}. The host guards two Jersey resources
 * by path rules, one of them with a greedy path. The container normalises {@code
 * /files/a/../../reports/x} to the reports path, which the key may read, but Jersey routes the raw
 * path to the files resource: the filter must ask for the files' scope too.
 */
class JerseyPathScopesRawPathTest {

    private static Keyguard keyguard;
    private static AdminServer server;
    private static String reportsKey;

    @BeforeAll
    static void start() {
        keyguard =
                Keyguard.start(
                        TestDatabase.h2()
                                .config()
                                .scopes(List.of("files:read", "reports:read"))
                                .pathScopes(
                                        List.of("/files/* files:read", "/reports/* reports:read"))
                                .build());
        server =
                AdminServer.start(
                        keyguard,
                        new ServletHolder(
                                new ServletContainer(
                                        new ResourceConfig()
                                                .register(RawPaths.Files.class)
                                                .register(Reports.class))));
        reportsKey =
                keyguard.service()
                        .create(
                                Caller.operator(
                                        new KeyOwner("acme", new KeyUser(null, null, null, null))),
                                new NewKey(
                                        "reports only",
                                        null,
                                        Scopes.of(List.of("reports:read")),
                                        IpAllowlist.anywhere()))
                        .rawKey();
    }

    @AfterAll
    static void stop() {
        server.close();
        keyguard.close();
    }

    @Test
    void aDotSegmentPathNeedsTheScopeOfThePathAsSentToo() {
        for (String path :
                List.of(
                        "/files/a/../../reports/x",
                        "/files/a/./../../reports/x",
                        "/files;p=1/a/../../reports/x")) {
            String reply = RawPaths.get(server, path, "Authorization: Bearer " + reportsKey);

            assertThat(reply).as(path).startsWith("HTTP/1.1 403 ");
            assertThat(reply).as(path).contains("scope=\"files:read\"").doesNotContain("FILES");
        }
    }

    @Test
    void eachPathNeedsItsOwnScopeAsBefore() {
        assertThat(RawPaths.get(server, "/reports/x", "Authorization: Bearer " + reportsKey))
                .startsWith("HTTP/1.1 200 ")
                .contains("REPORTS x");
        assertThat(RawPaths.get(server, "/reports/a/../x", "Authorization: Bearer " + reportsKey))
                .as(
                        "the key may read reports either way; Jersey finds no resource for the raw"
                                + " path")
                .startsWith("HTTP/1.1 404 ");
        assertThat(RawPaths.get(server, "/files/a", "Authorization: Bearer " + reportsKey))
                .startsWith("HTTP/1.1 403 ")
                .doesNotContain("FILES");
    }

    /** A resource of the host for keys with reports:read. */
    @Path("reports")
    public static class Reports {
        @GET
        @Path("{name}")
        public String get(@PathParam("name") String name) {
            return "REPORTS " + name;
        }
    }
}
