package dev.keyguard.admin.people;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * The host's own pages: its API at {@code /api/v1/leads} (behind the Keyguard filter), the
 * container's FORM login pages, and a page behind a security constraint at {@code /private/*}. Each
 * says who the container thinks is calling.
 */
public final class HostPagesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The container's FORM login page says this. */
    public static final String LOGIN_PAGE = "THE CONTAINER'S LOGIN PAGE";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String path = request.getServletPath();
        response.setContentType("text/plain;charset=utf-8");
        if (path.equals("/login.html")) {
            response.getWriter().write(LOGIN_PAGE);
            return;
        }
        if (path.equals("/login-error.html")) {
            response.getWriter().write("LOGIN FAILED");
            return;
        }
        Principal principal = request.getUserPrincipal();
        response.getWriter()
                .write(
                        path
                                + " for "
                                + (principal == null
                                        ? "nobody"
                                        : principal.getName()
                                                + " ("
                                                + principal.getClass().getSimpleName()
                                                + ")"));
    }
}
