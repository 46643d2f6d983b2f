package dev.keyguard.internal.web;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.internal.metrics.MetricsSupport;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

/**
 * Run by {@link WithoutMicrometerTest} in a JVM whose class path has no Micrometer: a host that
 * declares the filter with its defaults (metrics on, global registry on) on a real Jetty, and uses
 * it. Says {@link #DONE} on standard error last; any failure exits non-zero.
 */
public final class WithoutMicrometer {

    static final String DONE = "Keyguard ran without Micrometer";

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry");
            throw new AssertionError("Micrometer is on this class path");
        } catch (ClassNotFoundException expected) {
            // the point of this run
        }
        Deployment deployment =
                JettyDeployment.start(
                        null,
                        Map.of(
                                "keyguard.jdbc.url",
                                "jdbc:h2:mem:kg-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                                "keyguard.jdbc.user",
                                "sa"));
        try {
            Keyguard keyguard =
                    (Keyguard) deployment.contextAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
            String key =
                    keyguard.service()
                            .create(
                                    new KeyOwner("org-1", new KeyUser("u", "A", "B", "a@b.c")),
                                    "k",
                                    null)
                            .rawKey();
            HttpClient http = HttpClient.newHttpClient();
            int valid = status(http, deployment, key);
            int missing = status(http, deployment, null);
            if (valid != 200 || missing != 401) {
                throw new AssertionError("answers " + valid + " and " + missing);
            }
            if (MetricsSupport.micrometerPresent()
                    || KeyguardInternals.of(keyguard).counts() != null) {
                throw new AssertionError("Keyguard counts without Micrometer");
            }
            if (!keyguard.health().healthy()) {
                throw new AssertionError("unhealthy: " + keyguard.health());
            }
        } finally {
            deployment.stop();
        }
        System.err.println(DONE);
    }

    private static int status(HttpClient http, Deployment deployment, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(deployment.uri("/api/whoami"));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
