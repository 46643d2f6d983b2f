package dev.keyguard.demo.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.demo.DemoUsers;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code GET /api/v1/leads}: the caller's organisation's leads. This is all a guarded endpoint of
 * a legacy app needs to know about Keyguard: the filter has already refused anyone without a
 * valid key, and the principal says which organisation called.
 */
public final class LeadsServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile boolean seeded;

    /**
     * Seeds the demo's users on the database Keyguard uses, at start-up (load-on-startup) where
     * the container has started the filter, and so Keyguard, before this servlet: Tomcat and
     * Jetty do, as the Servlet specification orders. WildFly's Undertow starts filters only when
     * the first request comes, so there the users are seeded on the first call instead.
     */
    @Override
    public void init() throws ServletException {
        Keyguard keyguard = keyguard();
        if (keyguard != null) {
            try {
                seed(keyguard);
            } catch (SQLException e) {
                throw new ServletException("Could not seed the demo users", e);
            }
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        Keyguard keyguard = keyguard();
        if (keyguard == null) {
            throw new ServletException("No Keyguard in this web app: is the filter registered?");
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        try {
            seed(keyguard);
        } catch (SQLException e) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "5");
            JSON.writeValue(response.getOutputStream(), Map.of("success", false, "error",
                    Map.of("code", "unavailable", "message", "The database cannot be reached.")));
            return;
        }
        KeyguardPrincipal caller = (KeyguardPrincipal) request.getUserPrincipal();
        JSON.writeValue(response.getOutputStream(),
                Map.of("success", true, "data", Leads.of(caller.organisationId())));
    }

    private Keyguard keyguard() {
        return (Keyguard) getServletContext().getAttribute(Keyguard.class.getName());
    }

    private void seed(Keyguard keyguard) throws SQLException {
        if (seeded) {
            return;
        }
        synchronized (this) {
            if (!seeded) {
                new DemoUsers(keyguard.dataSource()).seedIfEmpty();
                seeded = true;
            }
        }
    }
}
