package dev.keyguard.admin.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reading rules of request bodies, without HTTP. */
class JsonBodyReaderTest {

    private final JsonBodyReader reader = new JsonBodyReader(AdminJson.newMapper(), 64);

    @Test
    void noBytesIsTheEmptyObject() {
        JsonBody body = reader.parse(new byte[0]);
        assertThat(body.state()).isEqualTo(JsonBody.State.EMPTY);
        assertThat(body.object().isEmpty()).isTrue();
    }

    @Test
    void anObjectIsReadWithItsUnknownFields() {
        JsonBody body = reader.parse(utf8("{\"name\":\"Zoë\",\"other\":[1,{}]}"));
        assertThat(body.state()).isEqualTo(JsonBody.State.OBJECT);
        assertThat(body.object().get("name").textValue()).isEqualTo("Zoë");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                " ",
                "[]",
                "1",
                "\"s\"",
                "null",
                "{",
                "{} {}",
                "{\"a\":1,\"a\":2}",
                "{'a':1}",
                "{a:1}",
                "{\"a\":1,}",
                "/* c */ {}"
            })
    void anythingButOneObjectIsNotAnObject(String text) {
        assertThat(reader.parse(utf8(text)).state()).isEqualTo(JsonBody.State.NOT_AN_OBJECT);
    }

    @Test
    void onlyUtf8IsJson() {
        assertThat(reader.parse("{\"a\":\"b\"}".getBytes(Charset.forName("UTF-16"))).state())
                .isEqualTo(JsonBody.State.NOT_AN_OBJECT);
        assertThat(reader.parse(new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'}).state())
                .isEqualTo(JsonBody.State.NOT_AN_OBJECT);
    }

    @Test
    void deepNestingIsRefusedNotAFailure() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        JsonBodyReader large = new JsonBodyReader(AdminJson.newMapper(), 16 * 1024);
        assertThat(large.parse(utf8(deep)).state()).isEqualTo(JsonBody.State.NOT_AN_OBJECT);
    }

    @Test
    void aBodyOverTheLimitIsTooLargeByLengthOrByContent() throws IOException {
        MultivaluedHashMap<String, String> declared = new MultivaluedHashMap<>();
        declared.putSingle("Content-Length", "65");
        assertThat(read(new byte[10], declared).state()).isEqualTo(JsonBody.State.TOO_LARGE);
        assertThat(read(new byte[65], new MultivaluedHashMap<>()).state())
                .isEqualTo(JsonBody.State.TOO_LARGE);
        assertThat(read(utf8("{}"), new MultivaluedHashMap<>()).state())
                .isEqualTo(JsonBody.State.OBJECT);
    }

    private JsonBody read(byte[] bytes, MultivaluedHashMap<String, String> headers)
            throws IOException {
        return reader.readFrom(
                JsonBody.class,
                JsonBody.class,
                null,
                null,
                headers,
                new ByteArrayInputStream(bytes));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
