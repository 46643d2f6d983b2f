package dev.keyguard.admin.internal.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes an {@link Envelope} as UTF-8 JSON. Typed to {@code Envelope} (not {@code Object}), so a
 * runtime prefers it to any general JSON provider the host has registered. The body is serialised
 * in full before the first byte is written: a failure cannot leave half a response. Thread-safe.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class EnvelopeWriter implements MessageBodyWriter<Envelope> {

    private final ObjectMapper mapper;

    public EnvelopeWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean isWriteable(
            Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == Envelope.class;
    }

    @Override
    public void writeTo(
            Envelope envelope,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        out.write(mapper.writeValueAsBytes(envelope));
    }
}
