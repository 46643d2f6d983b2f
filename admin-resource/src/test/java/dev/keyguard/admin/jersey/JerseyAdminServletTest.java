package dev.keyguard.admin.jersey;

import dev.keyguard.Keyguard;
import dev.keyguard.admin.KeyguardAdminServlet;
import dev.keyguard.admin.contract.AdminApiContract;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The contract on Jetty 12 + Jersey 3.1 through {@link KeyguardAdminServlet} at its own path,
 * {@code /api/v1/api-keys/*}, the runtime found on the class path (this JVM has Jersey only).
 */
class JerseyAdminServletTest extends AdminApiContract {

    @Override
    protected String runtime() {
        return "jersey-servlet";
    }

    @Override
    protected ServletHolder adminServlet(Keyguard keyguard) {
        return new ServletHolder(KeyguardAdminServlet.class);
    }

    @Override
    protected String adminMapping() {
        return KeyguardAdminServlet.URL_PATTERN;
    }
}
