package dev.keyguard.admin.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of every Admin API response: {@code {"success":true,"data":...}}, {@code
 * {"success":true}} or {@code {"success":false,"error":{"code":...,"message":...}}}. Only {@link
 * EnvelopeWriter} writes it, so its bytes do not depend on the host's JSON provider.
 */
@JsonPropertyOrder({"success", "data", "error"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Envelope {

    private final boolean success;
    private final Object data;
    private final Error error;

    private Envelope(boolean success, Object data, Error error) {
        this.success = success;
        this.data = data;
        this.error = error;
    }

    /** {@code {"success":true,"data":data}}; {@code data} is a record or list of records. */
    public static Envelope data(Object data) {
        return new Envelope(true, data, null);
    }

    /** {@code {"success":true}}. */
    public static Envelope ok() {
        return new Envelope(true, null, null);
    }

    public static Envelope error(String code, String message) {
        return new Envelope(false, null, new Error(code, message));
    }

    public boolean getSuccess() {
        return success;
    }

    public Object getData() {
        return data;
    }

    public Error getError() {
        return error;
    }

    /** The error object: a snake_case code and a sentence for a person. */
    @JsonPropertyOrder({"code", "message"})
    public record Error(String code, String message) {}
}
