package dev.keyguard.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives itself, before or instead of the webapp (a URI it refuses as ambiguous,
 * such as an encoded {@code /}, {@code \} or NUL in a segment; a {@code Content-Type} it cannot
 * parse; a servlet's {@code sendError}), in the contract's error envelope: {@code
 * {"success":false,"error":{"code":"...","message":"..."}}}, {@code Content-Type:
 * application/json}, whatever the request's method or {@code Accept}.
 *
 * <p>Design note: Jetty's own error pages are HTML (with its version in a "Powered by" line), or no
 * body at all for methods other than GET, POST and HEAD, and a client of the API could not read
 * them. The codes are the Admin API's where it has one ({@code bad_request}, {@code not_found},
 * {@code method_not_allowed}, ...), and the messages fixed sentences: never Jetty's reason, a cause
 * or a stack trace. The launcher loads this class without Keyguard or Jackson, so the JSON is
 * written here; every value is a constant of this class.
 */
final class JsonErrors {

    private JsonErrors() {}

    /** For {@code Server.setErrorHandler}: what Jetty answers outside the webapp. */
    static final class ForServer extends org.eclipse.jetty.server.handler.ErrorHandler {
        ForServer() {
            setShowStacks(false);
            setShowCauses(false);
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(
                Request request,
                Response response,
                int code,
                String message,
                Throwable cause,
                Callback callback)
                throws IOException {
            if (!generateAcceptableResponse(
                    request,
                    response,
                    callback,
                    "application/json",
                    List.of(StandardCharsets.UTF_8),
                    code,
                    message,
                    cause)) {
                callback.succeeded();
            }
        }

        @Override
        protected void writeErrorJson(
                Request request, PrintWriter writer, int code, String message, Throwable cause) {
            writer.write(envelope(code));
        }
    }

    /** For the webapp's context: what Jetty answers inside it (a servlet's sendError, ...). */
    static final class ForWebapp extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        ForWebapp() {
            setShowStacks(false);
            setShowCauses(false);
            setShowOrigin(false);
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(
                Request request,
                Response response,
                int code,
                String message,
                Throwable cause,
                Callback callback)
                throws IOException {
            if (!generateAcceptableResponse(
                    request,
                    response,
                    callback,
                    "application/json",
                    List.of(StandardCharsets.UTF_8),
                    code,
                    message,
                    cause)) {
                callback.succeeded();
            }
        }

        @Override
        protected void writeErrorJson(
                Request request, PrintWriter writer, int code, String message, Throwable cause) {
            writer.write(envelope(code));
        }
    }

    /** The error envelope of a status: its code and a fixed sentence, nothing from the request. */
    static String envelope(int status) {
        return "{\"success\":false,\"error\":{\"code\":\""
                + code(status)
                + "\",\"message\":\""
                + message(status)
                + "\"}}";
    }

    /** The Admin API's code of a status (its ApiError.ofStatus), and a few only Jetty answers. */
    static String code(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 400 && status < 500 ? "bad_request" : "internal_error";
        };
    }

    static String message(int status) {
        return switch (status) {
            case 401 -> "A valid API key is required.";
            case 403 -> "This request is not allowed.";
            case 404 -> "Nothing is here.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "The response can only be application/json.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 415 -> "The request body must be application/json.";
            case 431 -> "The request headers are too large.";
            case 503 -> "The service is unavailable; try again shortly.";
            default ->
                    status >= 400 && status < 500
                            ? "The request is malformed."
                            : "Something went wrong on our side.";
        };
    }
}
