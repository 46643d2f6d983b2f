package dev.keyguard.admin.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Keyguard;
import dev.keyguard.Person;
import dev.keyguard.admin.KeyguardAdminFeature;
import dev.keyguard.admin.testing.AdminServer;
import dev.keyguard.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attacker is a person logged in to the host app, without a key, whose host put the Admin API
 * into its own Jersey application next to a resource with a greedy path. The container normalises
 * {@code /files/a/../../api/v1/api-keys/x} to a people path, but Jersey routes the raw path to the
 * host's resource: the person must not reach it.
 */
class JerseyPeopleRawPathTest {

    private static Keyguard keyguard;
    private static AdminServer server;

    @BeforeAll
    static void start() {
        keyguard =
                Keyguard.start(
                        TestDatabase.h2()
                                .config()
                                .people(request -> Optional.of(Person.of("acme", "mallory")))
                                .build());
        ResourceConfig host =
                new ResourceConfig()
                        .register(RawPaths.Files.class)
                        .register(new KeyguardAdminFeature());
        server = AdminServer.start(keyguard, new ServletHolder(new ServletContainer(host)));
    }

    @AfterAll
    static void stop() {
        server.close();
        keyguard.close();
    }

    @Test
    void aDotSegmentPathToThePeoplePathsDoesNotTakeThePersonToTheHostsResource() {
        for (String path :
                List.of(
                        "/files/a/../../api/v1/api-keys/x",
                        "/files/a/./../../api/v1/api-keys/x",
                        "/files;x=1/a/../../api/v1/api-keys/x")) {
            String reply = RawPaths.get(server, path);

            assertThat(reply).as(path).startsWith("HTTP/1.1 401 ");
            assertThat(reply).as(path).doesNotContain("FILES").doesNotContain("mallory");
        }
    }

    @Test
    void pathParametersAndEscapesOnTheAdminApiStillLetThePersonIn() {
        // Let in: the admin API's own answer, not the filter's 401.
        assertThat(RawPaths.get(server, "/api/v1/api-keys;x=1"))
                .startsWith("HTTP/1.1 200 ")
                .doesNotContain("WWW-Authenticate");
        assertThat(RawPaths.get(server, "/api/v1/api%2Dkeys")).doesNotContain("WWW-Authenticate");
    }

    @Test
    void thePersonStillReachesTheAdminApiAndNotTheHostsResourceDirectly() {
        assertThat(RawPaths.get(server, "/api/v1/api-keys")).startsWith("HTTP/1.1 200 ");
        assertThat(RawPaths.get(server, "/files/a"))
                .startsWith("HTTP/1.1 401 ")
                .doesNotContain("FILES");
    }
}
