package dev.keyguard.reliability.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpTester;
import org.eclipse.jetty.server.LocalConnector;

/**
 * Requests as raw bytes through a node's in-process {@link LocalConnector}: any header bytes at
 * all, no client that tidies them first, and fast (no sockets).
 */
public final class RawHttp {

    /** What a Java stack trace or exception leaks into a body. */
    private static final Pattern STACK_TRACE =
            Pattern.compile(
                    "\\tat |\\bat (java|jakarta|org|dev|com)\\.[\\w.$]+\\(|Caused"
                            + " by|Exception\\b|\\.java:\\d+");

    private final LocalConnector connector;

    public RawHttp(LocalConnector connector) {
        this.connector = connector;
    }

    /** One response as the connector gave it. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The web app answered (the filters ran), not the container on its own. */
        public boolean reachedApp() {
            return header(Node.REACHED) != null;
        }

        public boolean hasStackTrace() {
            return STACK_TRACE.matcher(text()).find();
        }

        @Override
        public String toString() {
            String text = text();
            return status
                    + " "
                    + headers
                    + " "
                    + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    /**
     * @param headers name and raw value bytes, in order (a name may repeat)
     */
    public Response send(
            String method, String target, List<Map.Entry<String, byte[]>> headers, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        write(request, method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        for (Map.Entry<String, byte[]> header : headers) {
            write(request, header.getKey() + ": ");
            request.writeBytes(header.getValue());
            write(request, "\r\n");
        }
        if (body != null) {
            write(request, "Content-Length: " + body.length + "\r\n");
        }
        write(request, "Connection: close\r\n\r\n");
        if (body != null) {
            request.writeBytes(body);
        }
        try {
            ByteBuffer raw =
                    connector.getResponse(
                            ByteBuffer.wrap(request.toByteArray()),
                            30,
                            java.util.concurrent.TimeUnit.SECONDS);
            if (raw == null) {
                throw new IllegalStateException("no response to " + method + " " + target);
            }
            HttpTester.Response response =
                    method.equalsIgnoreCase("HEAD")
                            ? HttpTester.parseHeadResponse(raw)
                            : HttpTester.parseResponse(raw);
            if (response == null) {
                throw new IllegalStateException("unparseable response to " + method + " " + target);
            }
            Map<String, String> names = new java.util.HashMap<>();
            response.forEach(
                    field -> names.putIfAbsent(field.getLowerCaseName(), field.getValue()));
            byte[] content = response.getContentBytes();
            return new Response(
                    response.getStatus(), names, content == null ? new byte[0] : content);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + target, e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
