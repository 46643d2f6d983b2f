package dev.keyguard.demo.web;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Keyguard;
import dev.keyguard.micrometer.KeyguardMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /metrics}: Keyguard's meters in the Prometheus text format, from a registry of the
 * demo's own that it binds to the filter's Keyguard (published in the servlet context) as a {@code
 * web.xml} host would (docs/operations.md). Who may read it is decided before: {@link
 * LoopbackMetricsFilter} lets the loopback address in, the Keyguard filter everyone else with a key
 * that has {@code metrics:read}.
 */
public final class MetricsServlet extends GetOnlyServlet {
    private static final long serialVersionUID = 1L;

    /** The content type of the Prometheus text format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private transient PrometheusMeterRegistry registry;
    private transient Keyguard bound;

    @Override
    public void init() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bindKeyguard();
    }

    /** Binds the filter's Keyguard once it is there (filters start before servlets). */
    private synchronized void bindKeyguard() {
        Keyguard keyguard =
                (Keyguard) getServletContext().getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
        if (keyguard != null && keyguard != bound) {
            new KeyguardMetrics(keyguard).bindTo(registry);
            bound = keyguard;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        bindKeyguard();
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(CONTENT_TYPE);
        response.getWriter().write(registry.scrape());
    }

    @Override
    public void destroy() {
        registry.close();
    }
}
