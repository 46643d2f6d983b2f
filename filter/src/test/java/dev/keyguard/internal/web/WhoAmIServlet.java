package dev.keyguard.internal.web;

import dev.keyguard.KeyguardPrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/** The host's servlet behind the filter: tells what it learnt about the caller. */
public final class WhoAmIServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
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
        response.setContentType("text/plain");
        response.getWriter().write(body.toString());
    }
}
