package dev.keyguard.tomcat9;

import dev.keyguard.admin.KeyguardAdminFeature;
import java.io.IOException;
import java.io.InputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code GET /openapi.yaml}: the Admin API's description, as keyguard-admin-resource-javax has it.
 * Mapped by host-war-resteasy; host-war serves the same file as a static file of the WAR.
 */
public final class OpenApiServlet extends HttpServlet {
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
            yaml.transferTo(response.getOutputStream());
        }
    }
}
