package dev.keyguard.compat.host;

import dev.keyguard.KeyguardPrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The host's guarded resource: answers with the organisation of the key the filter let through, and
 * with the Hibernate ORM the web app runs on.
 */
public final class WhoAmIServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        KeyguardPrincipal principal = (KeyguardPrincipal) request.getUserPrincipal();
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write(
                        "organisation="
                                + principal.organisationId()
                                + "\nhibernate="
                                + org.hibernate.Version.getVersionString()
                                + "\n");
    }
}
