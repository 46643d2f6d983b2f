package dev.keyguard.admin.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Keyguard;
import dev.keyguard.admin.KeyguardAdminFeature;
import dev.keyguard.admin.testing.AdminServer;
import dev.keyguard.testing.TestDatabase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
                        .register(Files.class)
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
            String reply = rawGet(path);

            assertThat(reply).as(path).startsWith("HTTP/1.1 401 ");
            assertThat(reply).as(path).doesNotContain("FILES");
        }
    }

    @Test
    void theExcludedPathItselfStillNeedsNoKey() {
        assertThat(rawGet("/public/x")).startsWith("HTTP/1.1 200 ").contains("PUBLIC x");
        assertThat(rawGet("/public/caf%C3%A9")).startsWith("HTTP/1.1 200 ");
        assertThat(rawGet("/files/a")).startsWith("HTTP/1.1 401 ").doesNotContain("FILES");
    }

    /** A guarded resource of the host. */
    @Path("files")
    public static class Files {
        @GET
        @Path("{rest: .+}")
        public String get(@PathParam("rest") String rest) {
            return "FILES " + rest;
        }
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

    /** As curl --path-as-is sends it: no client normalises the dot-segments away. */
    private static String rawGet(String path) {
        try (Socket socket = new Socket("127.0.0.1", server.base().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
