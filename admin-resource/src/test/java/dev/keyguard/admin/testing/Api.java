package dev.keyguard.admin.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A java.net.http client of the Admin API on one server. Every exchange (method, path, status,
 * Content-Type, Allow and WWW-Authenticate when present, body) is also handed to a recorder, so
 * that the runtimes' answers can be compared afterwards.
 */
public final class Api {

    public static final String JSON = "application/json";
    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private final URI base;
    private final List<Consumer<String>> recorders = new ArrayList<>();

    public Api(URI base) {
        this.base = base;
    }

    public void onExchange(Consumer<String> recorder) {
        recorders.add(recorder);
    }

    public Reply get(String path, String key) {
        return send("GET", path, key, null, null, Map.of());
    }

    public Reply post(String path, String key, String jsonBody) {
        return send(
                "POST",
                path,
                key,
                JSON,
                jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    public Reply delete(String path, String key) {
        return send("DELETE", path, key, null, null, Map.of());
    }

    private HttpResponse<byte[]> sendOnce(HttpRequest request)
            throws IOException, InterruptedException {
        return sendRetryingClosed(client, request);
    }

    /**
     * Sends a request; once more if a pooled connection turned out closed before any byte of the
     * answer (a container closes the connection after refusing a malformed request, or one whose
     * body it did not read).
     */
    public static HttpResponse<byte[]> sendRetryingClosed(HttpClient client, HttpRequest request)
            throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                throw e;
            }
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    /**
     * @param key the API key for {@code Authorization: Bearer}, or {@code null} for none
     * @param contentType or {@code null} for none
     * @param body or {@code null} for no body
     */
    public Reply send(
            String method,
            String path,
            String key,
            String contentType,
            byte[] body,
            Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(20))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = sendOnce(request.build());
            Reply reply = new Reply(response.statusCode(), response.headers(), response.body());
            String exchange =
                    method
                            + " "
                            + path
                            + "\n"
                            + reply.status()
                            + " "
                            + reply.header("Content-Type")
                            + (reply.header("Allow") == null
                                    ? ""
                                    : "\nAllow: " + reply.header("Allow"))
                            + (reply.header("WWW-Authenticate") == null
                                    ? ""
                                    : "\nWWW-Authenticate: " + reply.header("WWW-Authenticate"))
                            + "\n"
                            + reply.text()
                            + "\n";
            recorders.forEach(r -> r.accept(exchange));
            return reply;
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
