package dev.keyguard.tomcat9;

import dev.keyguard.KeyguardPrincipal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/leads} of a legacy javax.servlet app: the caller's organisation's sales leads;
 * {@code POST} adds one ({@code {"company": "..."}}, kept in memory). All it knows of Keyguard is
 * the principal that keyguard-filter-javax, mapped before it, has put on the request; which scope
 * each method needs is Keyguard's {@code keyguard.path-scopes}, in {@code web.xml}.
 */
public final class LeadsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private static final Map<String, List<String>> COMPANIES =
            Map.of(
                    "acme", List.of("Initech", "Umbrella Corp", "Stark Industries"),
                    "globex", List.of("Soylent", "Tyrell Corp"));

    private static final Pattern COMPANY =
            Pattern.compile("\"company\"\\s*:\\s*\"([A-Za-z .-]{1,100})\"");

    private final Map<String, List<String>> added = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String org = organisation(request);
        List<String> companies = new ArrayList<>(COMPANIES.getOrDefault(org, List.of()));
        companies.addAll(added.getOrDefault(org, List.of()));
        String data =
                companies.stream()
                        .map(company -> "{\"company\":\"" + company + "\"}")
                        .collect(Collectors.joining(",", "[", "]"));
        write(response, 200, "{\"success\":true,\"data\":" + data + "}");
    }

    /** A company of plain letters, spaces, dots and dashes; anything else is a 400. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String org = organisation(request);
        String body = new String(request.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
        Matcher company = COMPANY.matcher(body);
        if (!company.find()) {
            write(
                    response,
                    400,
                    "{\"success\":false,\"error\":{\"code\":\"validation_error\","
                            + "\"message\":\"company must be 1 to 100 letters.\"}}");
            return;
        }
        List<String> list = added.computeIfAbsent(org, o -> new CopyOnWriteArrayList<>());
        if (list.size() < 1000) {
            list.add(company.group(1));
        }
        write(
                response,
                201,
                "{\"success\":true,\"data\":{\"company\":\"" + company.group(1) + "\"}}");
    }

    private static String organisation(HttpServletRequest request) throws ServletException {
        if (!(request.getUserPrincipal() instanceof KeyguardPrincipal caller)) {
            throw new ServletException("No Keyguard principal: is the filter mapped to /api/*?");
        }
        return caller.organisationId();
    }

    private static void write(HttpServletResponse response, int status, String json)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
