package dev.keyguard.bench.pinned;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

/** Answers with its caller's name, or {@code anonymous}: an endpoint that costs next to nothing. */
public final class TrivialServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final byte[] ANONYMOUS = "anonymous\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Principal caller = request.getUserPrincipal();
        byte[] body =
                caller == null
                        ? ANONYMOUS
                        : (caller.getName() + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
