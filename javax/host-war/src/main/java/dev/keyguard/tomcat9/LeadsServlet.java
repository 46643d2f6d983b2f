package dev.keyguard.tomcat9;

import dev.keyguard.KeyguardPrincipal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/leads} of a legacy javax.servlet app: the caller's organisation's sales leads.
 * All it knows of Keyguard is the principal that keyguard-filter-javax, mapped before it, has put
 * on the request.
 */
public final class LeadsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private static final Map<String, List<String>> COMPANIES =
            Map.of(
                    "acme", List.of("Initech", "Umbrella Corp", "Stark Industries"),
                    "globex", List.of("Soylent", "Tyrell Corp"));

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (!(request.getUserPrincipal() instanceof KeyguardPrincipal caller)) {
            throw new ServletException("No Keyguard principal: is the filter mapped to /api/*?");
        }
        String data =
                COMPANIES.getOrDefault(caller.organisationId(), List.of()).stream()
                        .map(company -> "{\"company\":\"" + company + "\"}")
                        .collect(Collectors.joining(",", "[", "]"));
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream()
                .write(
                        ("{\"success\":true,\"data\":" + data + "}")
                                .getBytes(StandardCharsets.UTF_8));
    }
}
