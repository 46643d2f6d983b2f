package dev.keyguard.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads response bodies. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** True for {@code {"success":false,"error":{"code":code,"message":...}}}. */
    public static boolean isError(String text, String code) {
        try {
            JsonNode body = MAPPER.readTree(text);
            return body != null
                    && body.path("success").isBoolean()
                    && !body.get("success").asBoolean()
                    && body.path("error").path("code").asText().equals(code)
                    && !body.path("error").path("message").asText().isBlank();
        } catch (IOException e) {
            return false;
        }
    }
}
