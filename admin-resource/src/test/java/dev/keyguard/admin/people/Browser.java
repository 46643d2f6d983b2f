package dev.keyguard.admin.people;

import dev.keyguard.Person;
import dev.keyguard.admin.testing.Api;
import dev.keyguard.admin.testing.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser on the host app, as far as the server can tell: it keeps the cookies the host sets (by
 * hand, so that a test can read and forge them), follows no redirect, and sends the headers a test
 * gives, {@code Origin}, {@code Referer} and {@code Sec-Fetch-Site} among them.
 */
public final class Browser {

    private static final Pattern CSRF_META =
            Pattern.compile("<meta name=\"keyguard-csrf\" content=\"([^\"]*)\">");

    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private final URI base;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public Browser(URI base) {
        this.base = base;
    }

    /** Logs in to the host's own login page ({@link HostLoginServlet}). */
    public Browser logIn(Person person) {
        StringBuilder query =
                new StringBuilder("login?org=").append(encode(person.organisationId()));
        query.append("&user=").append(encode(person.userId()));
        if (person.firstName() != null) {
            query.append("&first=").append(encode(person.firstName()));
        }
        if (person.lastName() != null) {
            query.append("&last=").append(encode(person.lastName()));
        }
        if (person.email() != null) {
            query.append("&email=").append(encode(person.email()));
        }
        Reply reply = get(query.toString());
        if (reply.status() != 200) {
            throw new IllegalStateException("login failed: " + reply);
        }
        return this;
    }

    /** The anti-CSRF token the dashboard's page carries for this browser's session. */
    public String csrfToken() {
        Reply page = get("keyguard/");
        Matcher found = CSRF_META.matcher(page.text());
        if (page.status() != 200 || !found.find()) {
            throw new IllegalStateException("no dashboard page: " + page);
        }
        return found.group(1);
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /**
     * @param json a body sent as {@code application/json}, or {@code null}
     * @param headers names and values, alternately
     */
    public Reply send(String method, String path, String json, String... headers) {
        return send(method, path, json, null, headers);
    }

    private Reply send(String method, String path, byte[] form) {
        return send(method, path, null, form);
    }

    private Reply send(String method, String path, String json, byte[] form, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(20))
                        .method(
                                method,
                                json != null
                                        ? HttpRequest.BodyPublishers.ofString(json)
                                        : form != null
                                                ? HttpRequest.BodyPublishers.ofByteArray(form)
                                                : HttpRequest.BodyPublishers.noBody());
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookieHeader());
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = sendOnce(request.build());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int equals = pair.indexOf('=');
                cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
            }
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> sendOnce(HttpRequest request)
            throws IOException, InterruptedException {
        return Api.sendRetryingClosed(client, request);
    }

    /** A form post ({@code application/x-www-form-urlencoded}). */
    public Reply sendBytes(String method, String path, byte[] form) {
        return send(method, path, form);
    }

    /** The cookies held, by name. */
    public Map<String, String> cookies() {
        return cookies;
    }

    /** The {@code Cookie} header this browser sends. */
    public String cookieHeader() {
        return cookies.entrySet().stream()
                .map(c -> c.getKey() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
