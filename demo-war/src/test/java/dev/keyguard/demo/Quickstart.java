package dev.keyguard.demo;

import static dev.keyguard.demo.DemoClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The README quickstart as one scenario over HTTP, written once for every way the demo WAR runs:
 * embedded Jetty ({@link DemoQuickstartTest}) and stock Tomcat and WildFly ({@code
 * containers.ContainerSmokeIT}). Health, a 401 with its challenge, a first key from {@code
 * create-key}, the guarded leads, the admin API (create, list, revoke), tenant isolation, and a 401
 * for the revoked key on the very next request.
 */
public final class Quickstart {

    /** Mints a key the way a newcomer does: {@code create-key} on the server's database. */
    @FunctionalInterface
    public interface KeyMinter {
        /**
         * @param userEmail a demo user of {@code organisation}, or null for its first
         */
        String createKey(String organisation, String userEmail) throws Exception;
    }

    /**
     * @param acmeKey a key of acme that still works
     * @param revokedKey a key of acme revoked during the run
     */
    public record Outcome(String acmeKey, String revokedKey) {}

    private Quickstart() {}

    public static Outcome run(DemoClient api, KeyMinter minter) throws Exception {
        assertThat(api.get("health", null).statusCode()).isEqualTo(200);
        assertThat(api.get("openapi.yaml", null).body()).startsWith("openapi: 3.1");
        HttpResponse<String> anonymous = api.get("api/v1/leads", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"keyguard-demo\"");
        assertThat(json(anonymous).at("/error/code").asText()).isEqualTo("unauthorized");

        String acmeKey = minter.createKey("acme", null);
        assertThat(acmeKey).matches("ll_[0-9a-f]{64}");
        JsonNode leads = json(api.get("api/v1/leads", acmeKey));
        assertThat(leads.at("/data")).hasSize(3);
        assertThat(leads.at("/data/0/company").asText()).isEqualTo("Initech");

        HttpResponse<String> created =
                api.post(
                        "api/v1/api-keys",
                        acmeKey,
                        "{\"name\":\"My Automation Script\",\"expiresAt\":\"2030-01-01\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        String scriptKey = json(created).at("/data/key").asText();
        String scriptId = json(created).at("/data/id").asText();
        assertThat(created.headers().firstValue("Location"))
                .hasValueSatisfying(
                        location -> assertThat(location).endsWith("/api/v1/api-keys/" + scriptId));
        assertThat(api.get("api/v1/leads", scriptKey).statusCode()).isEqualTo(200);

        HttpResponse<String> list = api.get("api/v1/api-keys", scriptKey);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode listed = json(list);
        assertThat(listed.at("/data")).hasSize(2);
        assertThat(listed.at("/data/0/name").asText()).isEqualTo("My Automation Script");
        assertThat(listed.at("/data/0/expiresAt").asText()).isEqualTo("2030-01-01T00:00:00.000Z");
        assertThat(listed.at("/data/0/user/email").asText()).isEqualTo("alice@acme.example");

        String globexKey = minter.createKey("globex", "gina@globex.example");
        assertThat(json(api.get("api/v1/leads", globexKey)).at("/data/0/company").asText())
                .isEqualTo("Soylent");
        assertThat(json(api.get("api/v1/api-keys", globexKey)).at("/data")).hasSize(1);
        assertThat(api.delete("api/v1/api-keys/" + scriptId, globexKey).statusCode())
                .isEqualTo(404);

        restrictedKeys(api, acmeKey);

        HttpResponse<String> revoked = api.delete("api/v1/api-keys/" + scriptId, acmeKey);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(json(revoked).at("/success").asBoolean()).isTrue();
        HttpResponse<String> afterRevoke = api.get("api/v1/leads", scriptKey);
        assertThat(afterRevoke.statusCode()).isEqualTo(401);
        assertThat(afterRevoke.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"keyguard-demo\", error=\"invalid_token\"");
        return new Outcome(acmeKey, scriptKey);
    }

    /**
     * The demo's scopes ({@code leads:read}, {@code leads:write}, by {@code keyguard.path-scopes}),
     * the admin API's {@code keys:manage}, an address allowlist, and no escalation.
     */
    private static void restrictedKeys(DemoClient api, String acmeKey) throws Exception {
        HttpResponse<String> lead =
                api.post("api/v1/leads", acmeKey, "{\"company\":\"Hooli\",\"contact\":\"Gavin\"}");
        assertThat(lead.statusCode()).as(lead.body()).isEqualTo(201);
        assertThat(json(api.get("api/v1/leads", acmeKey)).at("/data")).hasSize(4);

        HttpResponse<String> created =
                api.post(
                        "api/v1/api-keys",
                        acmeKey,
                        "{\"name\":\"Reader\",\"scopes\":[\"leads:read\"],"
                                + "\"allowedIps\":[\"127.0.0.0/8\",\"0:0:0:0:0:0:0:1\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).at("/data/scopes").toString()).isEqualTo("[\"leads:read\"]");
        assertThat(json(created).at("/data/allowedIps").toString())
                .isEqualTo("[\"127.0.0.0/8\",\"::1/128\"]");
        String readKey = json(created).at("/data/key").asText();
        List<String> made = new ArrayList<>(List.of(json(created).at("/data/id").asText()));
        assertThat(api.get("api/v1/leads", readKey).statusCode()).isEqualTo(200);
        HttpResponse<String> write =
                api.post("api/v1/leads", readKey, "{\"company\":\"Pied Piper\",\"contact\":\"R\"}");
        assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
        assertThat(write.headers().firstValue("WWW-Authenticate"))
                .hasValue(
                        "Bearer realm=\"keyguard-demo\", error=\"insufficient_scope\","
                                + " scope=\"leads:write\"");
        assertThat(json(write).at("/error/code").asText()).isEqualTo("insufficient_scope");
        HttpResponse<String> admin = api.get("api/v1/api-keys", readKey);
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(403);
        assertThat(admin.headers().firstValue("WWW-Authenticate"))
                .hasValue(
                        "Bearer realm=\"keyguard-demo\", error=\"insufficient_scope\","
                                + " scope=\"keys:manage\"");

        JsonNode elsewhere =
                json(api.post("api/v1/api-keys", acmeKey, "{\"allowedIps\":[\"192.0.2.0/24\"]}"));
        String elsewhereKey = elsewhere.at("/data/key").asText();
        made.add(elsewhere.at("/data/id").asText());
        HttpResponse<String> outside = api.get("api/v1/leads", elsewhereKey);
        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(json(outside).at("/error/code").asText()).isEqualTo("ip_not_allowed");
        assertThat(outside.body()).doesNotContain("192.0.2");

        JsonNode manager =
                json(
                        api.post(
                                "api/v1/api-keys",
                                acmeKey,
                                "{\"scopes\":[\"keys:manage\",\"leads:read\"],"
                                        + "\"expiresAt\":\"2030-01-01\"}"));
        String managerKey = manager.at("/data/key").asText();
        made.add(manager.at("/data/id").asText());
        HttpResponse<String> wider =
                api.post(
                        "api/v1/api-keys",
                        managerKey,
                        "{\"scopes\":[\"leads:write\"]," + "\"expiresAt\":\"2029-01-01\"}");
        assertThat(wider.statusCode()).as(wider.body()).isEqualTo(403);
        assertThat(json(wider).at("/error/code").asText()).isEqualTo("rights_exceeded");
        HttpResponse<String> longer =
                api.post("api/v1/api-keys", managerKey, "{\"scopes\":[\"leads:read\"]}");
        assertThat(json(longer).at("/error/code").asText()).isEqualTo("rights_exceeded");
        HttpResponse<String> within =
                api.post(
                        "api/v1/api-keys",
                        managerKey,
                        "{\"scopes\":[\"leads:read\"],\"expiresAt\":\"2029-01-01\"}");
        assertThat(within.statusCode()).as(within.body()).isEqualTo(201);
        made.add(json(within).at("/data/id").asText());
        for (String id : made) {
            assertThat(api.delete("api/v1/api-keys/" + id, acmeKey).statusCode()).isEqualTo(200);
        }
    }
}
