package dev.keyguard.admin.jersey;

import dev.keyguard.admin.testing.AdminServer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * What the raw-path tests share: a host resource with a greedy path, which Jersey routes {@code
 * /files/a/../../x} to while the container normalises it to {@code /x}, and a client that sends a
 * path as it is ({@code curl --path-as-is}).
 */
final class RawPaths {

    private RawPaths() {}

    /** A guarded resource of the host that serves whoever the filter let through. */
    @Path("files")
    public static class Files {
        @GET
        @Path("{rest: .+}")
        public String get(@PathParam("rest") String rest, @Context SecurityContext security) {
            return "FILES " + rest + " for " + security.getUserPrincipal();
        }
    }

    /**
     * {@code GET path} on the server, no client normalising its dot-segments away.
     *
     * @param headers further header lines, e.g. {@code Authorization: Bearer ...}
     * @return the whole answer, status line first
     */
    static String get(AdminServer server, String path, String... headers) {
        try (Socket socket = new Socket("127.0.0.1", server.base().getPort())) {
            OutputStream out = socket.getOutputStream();
            StringBuilder request =
                    new StringBuilder("GET ")
                            .append(path)
                            .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            out.write(
                    request.append("Connection: close\r\n\r\n")
                            .toString()
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
