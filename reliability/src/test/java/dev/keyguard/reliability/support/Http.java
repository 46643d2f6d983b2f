package dev.keyguard.reliability.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A small java.net.http client of one node; every call returns, with a status of -1 on I/O failure.
 */
public final class Http {

    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    /** Longest a request may take before the test fails. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;

    public Http(URI base) {
        this.base = base;
    }

    /** One answer, and how long it took. */
    public record Answer(int status, HttpHeaders headers, String body, long nanos) {
        public String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Answer get(String path, String key) {
        return send("GET", path, key, null);
    }

    public Answer post(String path, String key, String json) {
        return send("POST", path, key, json);
    }

    public Answer delete(String path, String key) {
        return send("DELETE", path, key, null);
    }

    /**
     * Once more if a pooled connection turned out closed before any byte of the answer (Jetty
     * closes a connection after an answer that left a request body unread).
     */
    private HttpResponse<String> sendOnce(HttpRequest request)
            throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                throw e;
            }
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    public Answer send(String method, String path, String key, String json) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(TIMEOUT)
                        .method(
                                method,
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(
                                                json, StandardCharsets.UTF_8));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = sendOnce(request.build());
            return new Answer(
                    response.statusCode(),
                    response.headers(),
                    response.body(),
                    System.nanoTime() - start);
        } catch (IOException e) {
            return new Answer(-1, null, e.toString(), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null, e.toString(), System.nanoTime() - start);
        }
    }
}
