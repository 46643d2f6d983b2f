package dev.keyguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The demo's HTTP API as a client sees it, below one base URI (ending in {@code /}: the context
 * root of the deployed WAR). Every request is bounded in time, so a hung server fails the test.
 */
public final class DemoClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;

    public DemoClient(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** {@code path} is relative to the base, without a leading {@code /}. */
    public HttpResponse<String> get(String path, String key)
            throws IOException, InterruptedException {
        return send(request(path).GET(), key);
    }

    public HttpResponse<String> post(String path, String key, String json)
            throws IOException, InterruptedException {
        return send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                key);
    }

    public HttpResponse<String> delete(String path, String key)
            throws IOException, InterruptedException {
        return send(request(path).DELETE(), key);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String key)
            throws IOException, InterruptedException {
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
