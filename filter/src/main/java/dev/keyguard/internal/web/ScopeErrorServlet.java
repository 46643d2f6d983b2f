package dev.keyguard.internal.web;

import dev.keyguard.KeyguardConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The web app's {@code <error-page>} for 403 when Keyguard authenticates for the container ({@link
 * ContainerAuthentication}): the container's 403 for a key without the role its constraint asks for
 * becomes the contract's 403 {@code insufficient_scope}, with {@code WWW-Authenticate: Bearer
 * realm="...", error="insufficient_scope", scope="..."} naming the scopes the constraint accepts.
 * Any other 403 (a constraint that lets nobody in, a role that is no scope, the host's own) is
 * answered 403 {@code forbidden} in the envelope. Requested directly, not as an error page, it is
 * not there (404). The drop-in mounts it at {@link ContainerAuthentication#ERROR_PAGE}.
 */
public final class ScopeErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** For a 403 before (or without) a running Keyguard: the default realm. */
    private static final FailureWriter FALLBACK =
            new FailureWriter(KeyguardConfig.REALM.defaultValue());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(status instanceof Integer code) || code != HttpServletResponse.SC_FORBIDDEN) {
            // Only 403 is Keyguard's to answer: any other status stays as it is, without a body.
            response.setStatus(status instanceof Integer code ? code : 500);
            return;
        }
        FailureWriter writer =
                getServletContext().getAttribute(ContainerAuthentication.CONTEXT_ATTRIBUTE)
                                instanceof ContainerAuthentication running
                        ? running.writer()
                        : FALLBACK;
        if (request.getAttribute(ContainerAuthentication.NEEDED_SCOPES_ATTRIBUTE)
                instanceof String needed) {
            writer.writeInsufficientScope(response, needed);
        } else {
            writer.write(response, Failure.FORBIDDEN, 0);
        }
    }
}
