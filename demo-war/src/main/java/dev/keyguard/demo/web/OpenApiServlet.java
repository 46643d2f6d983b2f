package dev.keyguard.demo.web;

import dev.keyguard.admin.KeyguardAdminFeature;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/** {@code GET /openapi.yaml}: the admin API's OpenAPI 3.1 description, as the module ships it. */
public final class OpenApiServlet extends GetOnlyServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try (InputStream yaml =
                KeyguardAdminFeature.class.getResourceAsStream(KeyguardAdminFeature.OPENAPI_YAML)) {
            if (yaml == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setContentType("application/yaml");
            response.setCharacterEncoding("UTF-8");
            yaml.transferTo(response.getOutputStream());
        }
    }
}
