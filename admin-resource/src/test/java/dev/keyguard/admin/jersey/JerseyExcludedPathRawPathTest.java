package dev.keyguard.admin.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Keyguard;
import dev.keyguard.admin.KeyguardAdminFeature;
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
 * The attacker has no key at all. The host's Jersey application has a guarded resource with a
 * greedy path and a public one, excluded with {@code keyguard.excluded-paths}. The container
 * normalises {@code /files/a/../../public/x} to the excluded path, but Jersey routes the raw path
 * to the guarded resource: the filter must ask for a key.
 */
class JerseyExcludedPathRawPathTest {

    private static Keyguard keyguard;
    private static AdminServer server;

    @BeforeAll
    static void start() {
        keyguard =
                Keyguard.start(
                        TestDatabase.h2().config().excludedPaths(List.of("/public/*")).build());
        ResourceConfig host =
                new ResourceConfig()
                        .register(RawPaths.Files.class)
                        .register(Public.class)
                        .register(new KeyguardAdminFeature());
        server = AdminServer.start(keyguard, new ServletHolder(new ServletContainer(host)));
    }

    @AfterAll
    static void stop() {
        server.close();
        keyguard.close();
    }

    @Test
    void aDotSegmentPathToAnExcludedPathNeedsAKey() {
        for (String path :
                List.of(
                        "/files/a/../../public/x",
                        "/files/a/./../../public/x",
                        "/files;p=1/a/../../public/x")) {
            String reply = RawPaths.get(server, path);

            assertThat(reply).as(path).startsWith("HTTP/1.1 401 ");
            assertThat(reply).as(path).doesNotContain("FILES");
        }
    }

    @Test
    void theExcludedPathItselfStillNeedsNoKey() {
        assertThat(RawPaths.get(server, "/public/x"))
                .startsWith("HTTP/1.1 200 ")
                .contains("PUBLIC x");
        assertThat(RawPaths.get(server, "/public/caf%C3%A9")).startsWith("HTTP/1.1 200 ");
        assertThat(RawPaths.get(server, "/files/a"))
                .startsWith("HTTP/1.1 401 ")
                .doesNotContain("FILES");
    }

    /** A public resource of the host, excluded from the filter. */
    @Path("public")
    public static class Public {
        @GET
        @Path("{name}")
        public String get(@PathParam("name") String name) {
            return "PUBLIC " + name;
        }
    }
}
