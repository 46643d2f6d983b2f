package dev.keyguard.demo.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyguard.KeyguardPrincipal;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * {@code GET /api/v1/leads}: the caller's organisation's leads; {@code POST} adds one ({@code
 * {"company": "...", "contact": "..."}}). This is all a guarded endpoint of a legacy app needs to
 * know about Keyguard: the filter has already refused anyone without a valid key, or without the
 * scope the path needs ({@code keyguard.path-scopes} in {@code web.xml}: {@code leads:read} to
 * read, {@code leads:write} to add), and the principal says which organisation called. Other
 * methods get 405; {@code HttpServlet} alone would echo a {@code TRACE}.
 */
public final class LeadsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_FIELD_LENGTH = 100;

    private final transient Leads leads = new Leads();

    /** The success envelope of the contract, its members in the contract's order. */
    private record Envelope(boolean success, Object data) {}

    private record Error(String code, String message) {}

    private record Failure(boolean success, Error error) {}

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("POST")) {
            super.service(request, response);
            return;
        }
        response.setHeader("Allow", "GET, HEAD, POST");
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        write(response, HttpServletResponse.SC_OK, new Envelope(true, leads.of(org(request))));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String org = org(request);
        String contentType = request.getContentType();
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            fail(response, 415, "unsupported_media_type", "The body must be application/json.");
            return;
        }
        JsonNode body;
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                fail(response, 413, "payload_too_large", "The request body is too large.");
                return;
            }
            body = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            fail(response, 400, "invalid_json", "The request body must be a JSON object.");
            return;
        }
        String company = text(body, "company");
        String contact = text(body, "contact");
        if (company == null || contact == null) {
            fail(
                    response,
                    400,
                    "validation_error",
                    "company and contact must be strings of 1 to "
                            + MAX_FIELD_LENGTH
                            + " characters.");
            return;
        }
        Leads.Lead lead = leads.add(org, company, contact);
        if (lead == null) {
            fail(
                    response,
                    409,
                    "lead_limit_reached",
                    "The organisation has added "
                            + Leads.MAX_ADDED
                            + " leads, the most a demo keeps.");
            return;
        }
        write(response, HttpServletResponse.SC_CREATED, new Envelope(true, lead));
    }

    private static String org(HttpServletRequest request) throws ServletException {
        if (!(request.getUserPrincipal() instanceof KeyguardPrincipal caller)) {
            throw new ServletException(
                    "No Keyguard principal: is the Keyguard filter mapped to /api/*?");
        }
        return caller.organisationId();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            return null;
        }
        String text = value.textValue().strip();
        return text.isEmpty() || text.length() > MAX_FIELD_LENGTH ? null : text;
    }

    private static void fail(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        write(response, status, new Failure(false, new Error(code, message)));
    }

    private static void write(HttpServletResponse response, int status, Object body)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
