package dev.keyguard.internal.web;

import dev.keyguard.KeyguardPrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * The host's servlet behind the filter: tells what it learnt about the caller. POST, PUT and DELETE
 * are answered as GET (HEAD too, by {@link HttpServlet}). With query parameters it also plays a
 * host that checks roles: {@code role=x} (repeatable) adds {@code ;role:x=true|false} from {@code
 * isUserInRole}; {@code require=x} refuses a caller without role {@code x} with 403, by {@code
 * sendError} or, with {@code refuse=setStatus}, by {@code setStatus} and a body of its own.
 */
public final class WhoAmIServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        doGet(request, response);
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        doGet(request, response);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        doGet(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String required = request.getParameter("require");
        if (required != null && !request.isUserInRole(required)) {
            if ("setStatus".equals(request.getParameter("refuse"))) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setContentType("text/plain");
                response.getWriter().write("the host says no");
            } else {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
            }
            return;
        }
        Principal principal = request.getUserPrincipal();
        Object attribute = request.getAttribute(KeyguardPrincipal.REQUEST_ATTRIBUTE);
        StringBuilder body = new StringBuilder("path=").append(request.getRequestURI());
        if (principal instanceof KeyguardPrincipal p) {
            body.append(";key=")
                    .append(p.keyId())
                    .append(";org=")
                    .append(p.organisationId())
                    .append(";user=")
                    .append(p.userId())
                    .append(";authType=")
                    .append(request.getAuthType());
        } else {
            body.append(";principal=").append(principal);
        }
        if (attribute instanceof KeyguardPrincipal a) {
            body.append(";attribute=").append(a.keyId());
        }
        String[] roles = request.getParameterValues("role");
        if (roles != null) {
            for (String role : roles) {
                body.append(";role:").append(role).append('=').append(request.isUserInRole(role));
            }
        }
        response.setContentType("text/plain");
        response.getWriter().write(body.toString());
    }
}
