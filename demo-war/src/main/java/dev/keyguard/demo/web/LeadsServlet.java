package dev.keyguard.demo.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyguard.KeyguardPrincipal;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /api/v1/leads}: the caller's organisation's leads. This is all a guarded endpoint of a
 * legacy app needs to know about Keyguard: the filter has already refused anyone without a valid
 * key, and the principal says which organisation called.
 */
public final class LeadsServlet extends GetOnlyServlet {
    private static final long serialVersionUID = 1L;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The success envelope of the contract, its members in the contract's order. */
    private record Envelope(boolean success, List<Leads.Lead> data) {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!(request.getUserPrincipal() instanceof KeyguardPrincipal caller)) {
            throw new ServletException(
                    "No Keyguard principal: is the Keyguard filter mapped" + " to /api/*?");
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(
                response.getOutputStream(), new Envelope(true, Leads.of(caller.organisationId())));
    }
}
