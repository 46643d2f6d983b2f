package dev.keyguard.admin.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body into a {@link JsonBody}: at most {@code maxBytes} bytes (a larger body is
 * not read further, only drained), parsed as strict UTF-8 JSON. Declared for {@code
 * application/json} and for any type, so it is chosen for {@link JsonBody} whatever the
 * Content-Type; the resource checks the Content-Type itself. Thread-safe.
 */
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public final class JsonBodyReader implements MessageBodyReader<JsonBody> {

    /** A larger body is not drained: the connection is closed on it instead. */
    static final long MAX_DRAIN_BYTES = 1024 * 1024;

    private final ObjectMapper mapper;
    private final int maxBytes;

    public JsonBodyReader(ObjectMapper mapper, int maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean isReadable(
            Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonBody.class;
    }

    @Override
    public JsonBody readFrom(
            Class<JsonBody> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream in)
            throws IOException {
        if (declaredLength(headers) > maxBytes) {
            return tooLarge(in);
        }
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            return tooLarge(in);
        }
        return parse(bytes);
    }

    /**
     * Discards what is left of a too-large body, up to {@value #MAX_DRAIN_BYTES} bytes, so that a
     * client that writes its whole body before reading still gets the 413: if the container closed
     * the connection on unread input, such a client would see a broken pipe instead.
     */
    private static JsonBody tooLarge(InputStream in) throws IOException {
        long left = MAX_DRAIN_BYTES;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0 && in.read() < 0) {
                break;
            }
            left -= Math.max(skipped, 1);
        }
        return JsonBody.tooLarge();
    }

    /** Parses a whole body; public for the tests of the parsing rules. */
    public JsonBody parse(byte[] bytes) {
        if (bytes.length == 0) {
            return JsonBody.empty();
        }
        // A strict UTF-8 decoder: Jackson alone would also accept UTF-16 and UTF-32.
        try (Reader reader =
                new InputStreamReader(
                        new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder())) {
            JsonNode node = mapper.readTree(reader);
            return node instanceof ObjectNode object ? JsonBody.of(object) : JsonBody.notAnObject();
        } catch (IOException e) {
            return JsonBody.notAnObject();
        }
    }

    private static long declaredLength(MultivaluedMap<String, String> headers) {
        String value = headers.getFirst(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
