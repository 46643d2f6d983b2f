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

    /**
     * Seeds the demo's users on the database Keyguard uses. Runs at start-up (load-on-startup),
     * after the filter has started Keyguard and published it in the ServletContext.
     */
    @Override
    public void init() throws ServletException {
        Keyguard keyguard = (Keyguard) getServletContext().getAttribute(Keyguard.class.getName());
        if (keyguard == null) {
            throw new ServletException("No Keyguard in this web app: is the filter registered?");
        }
        try {
            new DemoUsers(keyguard.dataSource()).seedIfEmpty();
        } catch (SQLException e) {
            throw new ServletException("Could not seed the demo users", e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        KeyguardPrincipal caller = (KeyguardPrincipal) request.getUserPrincipal();
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(),
                Map.of("success", true, "data", Leads.of(caller.organisationId())));
    }
}
