package dev.keyguard.demo.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A servlet that serves {@code GET} (and so {@code HEAD}) and refuses every other method with 405
 * and {@code Allow: GET, HEAD}, which the container writes in the error envelope. {@code
 * HttpServlet} alone would echo a {@code TRACE} back (credentials included) and answer {@code
 * OPTIONS} with 200.
 */
abstract class GetOnlyServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    static final String ALLOW = "GET, HEAD";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            super.service(request, response);
            return;
        }
        response.setHeader("Allow", ALLOW);
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }
}
