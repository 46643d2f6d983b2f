package dev.keyguard.admin;

import dev.keyguard.admin.internal.servlet.ContextRootRequest;
import dev.keyguard.admin.internal.servlet.JaxRsRuntime;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The Admin API as a ready servlet that serves {@code /api/v1/api-keys} and the paths below it, and
 * nothing else of the host's: map it to {@link #URL_PATTERN} (the drop-in registration does that
 * itself) and the host's static files, JSPs, servlets and own JAX-RS application keep their paths.
 *
 * <pre>{@code
 * <servlet>
 *   <servlet-name>keyguard-admin</servlet-name>
 *   <servlet-class>dev.keyguard.admin.KeyguardAdminServlet</servlet-class>
 *   <load-on-startup>2</load-on-startup>
 * </servlet>
 * <servlet-mapping>
 *   <servlet-name>keyguard-admin</servlet-name>
 *   <url-pattern>/api/v1/api-keys/*</url-pattern>
 * </servlet-mapping>
 * }</pre>
 *
 * <p>It runs {@link KeyguardAdminApplication} on the web app's own JAX-RS runtime, found on its
 * class path: Jersey ({@code jersey-container-servlet-core}) or RESTEasy (WildFly's, or {@code
 * resteasy-core}); the init-param or context-param {@link #RUNTIME_PARAMETER} ({@code jersey} or
 * {@code resteasy}) chooses when a web app has both. It has a runtime instance of its own, apart
 * from any application of the host's. The service is the running {@link dev.keyguard.Keyguard} that
 * the Keyguard filter publishes, and the filter must guard the same path.
 */
public class KeyguardAdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The servlet mapping that serves the Admin API: {@value}. */
    public static final String URL_PATTERN = "/api/v1/api-keys/*";

    /**
     * Which JAX-RS runtime serves the Admin API, {@code jersey} or {@code resteasy}; by default
     * Jersey when the web app has it, else RESTEasy.
     */
    public static final String RUNTIME_PARAMETER = "keyguard.admin.runtime";

    private transient Servlet runtime;

    /**
     * Starts the runtime with {@link KeyguardAdminApplication}.
     *
     * @throws ServletException naming the libraries to add when the web app has no JAX-RS runtime,
     *     or the parameter and its value when {@link #RUNTIME_PARAMETER} names none
     */
    @Override
    public void init() throws ServletException {
        String chosen = getInitParameter(RUNTIME_PARAMETER);
        if (chosen == null || chosen.isBlank()) {
            chosen = getServletContext().getInitParameter(RUNTIME_PARAMETER);
        }
        JaxRsRuntime found = JaxRsRuntime.choose(chosen, getClass().getClassLoader());
        runtime = found.newServlet(getClass().getClassLoader());
        runtime.init(found.configure(getServletConfig(), KeyguardAdminApplication.class.getName()));
    }

    /**
     * Hands the request to the runtime as if this servlet were mapped to {@code /*}, since the
     * resource's path is absolute within the web app.
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        runtime.service(new ContextRootRequest(request), response);
    }

    @Override
    public void destroy() {
        if (runtime != null) {
            runtime.destroy();
        }
    }
}
