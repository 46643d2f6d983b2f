package dev.keyguard;

import dev.keyguard.internal.dashboard.Dashboard;
import dev.keyguard.spi.PersonResolver;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The dashboard: the page where people logged in to the host app list, create, rotate and revoke
 * their organisation's API keys and read its audit trail, through the admin API. Mount it at a path
 * of the host's choosing with {@code /*} ({@code /keyguard/*}, {@code /account/api-keys/*}); the
 * drop-in mounts it at {@link KeyguardConfig#DASHBOARD_PATH} when people are configured. It needs
 * the Keyguard filter in the same web app, with people ({@link KeyguardConfig#PEOPLE_MAPPING},
 * {@link KeyguardConfig#PEOPLE_RESOLVER}), and the admin API. A person not logged in is sent to the
 * host's login. Every file it serves is its own: no CDN, no inline script. See docs/dashboard.md.
 */
public final class KeyguardDashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private transient Dashboard dashboard;

    @Override
    public void init() throws ServletException {
        dashboard = Dashboard.load();
        Dashboard.checkSessionCookie(getServletContext());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        // Looked up per request: the filter may start after this servlet, or restart.
        Object running = getServletContext().getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE);
        Object people = getServletContext().getAttribute(PersonResolver.CONTEXT_ATTRIBUTE);
        dashboard.serve(
                request,
                response,
                running instanceof Keyguard keyguard ? keyguard.config() : null,
                people instanceof PersonResolver resolver ? resolver : null);
    }
}
