package dev.keyguard.admin.internal.error;

import dev.keyguard.KeyguardException;

/**
 * Every error the Admin API answers with: the one place that pairs a status code with the
 * contract's snake_case code and a default message. Messages are fixed sentences, never a runtime's
 * own text, so Jersey and RESTEasy write the same bytes.
 */
public enum ApiError {
    INVALID_JSON(400, "invalid_json", "The request body must be a JSON object."),
    VALIDATION_ERROR(400, "validation_error", "The request is not valid."),
    BAD_REQUEST(400, "bad_request", "The request is malformed."),
    UNAUTHORIZED(401, "unauthorized", "A valid API key is required."),
    INSUFFICIENT_SCOPE(403, "insufficient_scope", "The API key lacks a scope this needs."),
    RIGHTS_EXCEEDED(
            403,
            "rights_exceeded",
            "A key may not be given more rights than the key that makes it."),
    NOT_FOUND(404, "not_found", "No such API key."),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "This method is not allowed here."),
    NOT_ACCEPTABLE(406, "not_acceptable", "The response can only be application/json."),
    KEY_LIMIT_REACHED(409, "key_limit_reached", "The organisation has too many active API keys."),
    KEY_NOT_ROTATABLE(
            409,
            "key_not_rotatable",
            "The API key has expired or is already being replaced by a rotation."),
    PAYLOAD_TOO_LARGE(413, "payload_too_large", "The request body is too large."),
    UNSUPPORTED_MEDIA_TYPE(
            415, "unsupported_media_type", "The request body must be application/json."),
    INTERNAL_ERROR(500, "internal_error", "Something went wrong on our side."),
    UNAVAILABLE(503, "unavailable", "The key store is unavailable; try again shortly.");

    private final int status;
    private final String code;
    private final String message;

    ApiError(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String defaultMessage() {
        return message;
    }

    /** The error of a core failure. */
    public static ApiError of(KeyguardException.Reason reason) {
        return switch (reason) {
            case VALIDATION_ERROR -> VALIDATION_ERROR;
            case KEY_LIMIT_REACHED -> KEY_LIMIT_REACHED;
            case NOT_FOUND -> NOT_FOUND;
            case NOT_ROTATABLE -> KEY_NOT_ROTATABLE;
            case INSUFFICIENT_SCOPE -> INSUFFICIENT_SCOPE;
            case RIGHTS_EXCEEDED -> RIGHTS_EXCEEDED;
            case UNAVAILABLE -> UNAVAILABLE;
        };
    }

    /** The error for a status a JAX-RS runtime chose (unknown path, wrong method, ...). */
    public static ApiError ofStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> UNAVAILABLE;
            default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
        };
    }
}
