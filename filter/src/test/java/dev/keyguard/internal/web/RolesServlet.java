package dev.keyguard.internal.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * The host's servlet of the container-authentication tests: who called, how, and which of the
 * scopes {@code leads:read} and {@code leads:write} the container says the caller has.
 */
public final class RolesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Principal principal = request.getUserPrincipal();
        response.setContentType("text/plain");
        response.getWriter()
                .write(
                        "principal="
                                + (principal == null ? null : principal.getName())
                                + ";authType="
                                + request.getAuthType()
                                + ";leads:read="
                                + request.isUserInRole("leads:read")
                                + ";leads:write="
                                + request.isUserInRole("leads:write"));
    }
}
