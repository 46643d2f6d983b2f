package dev.keyguard.demo.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardHealth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /health}: public (outside the filter's mapping), for load balancers, container health
 * checks and Kubernetes' readiness probe: {@code 200} while {@link Keyguard#health()} says healthy,
 * {@code 503} with the reason when not (docs/operations.md).
 */
public final class HealthServlet extends GetOnlyServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Keyguard keyguard =
                (Keyguard) getServletContext().getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
        KeyguardHealth health =
                keyguard != null
                        ? keyguard.health()
                        : new KeyguardHealth(false, false, null, false, "Keyguard has not started");
        ObjectNode data = JSON.createObjectNode();
        data.put("status", health.healthy() ? "up" : "down");
        data.put("databaseReachable", health.databaseReachable());
        data.put("schemaVersion", health.schemaVersion());
        data.put("feedCurrent", health.feedCurrent());
        ObjectNode body = JSON.createObjectNode();
        body.put("success", health.healthy());
        if (!health.healthy()) {
            ObjectNode error = body.putObject("error");
            error.put("code", "unavailable");
            error.put("message", "Keyguard is not healthy: " + health.reason() + ".");
        }
        body.set("data", data);
        response.setStatus(
                health.healthy()
                        ? HttpServletResponse.SC_OK
                        : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
