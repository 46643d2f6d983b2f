package dev.keyguard.admin.internal.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyguard.admin.internal.json.AdminJson;
import dev.keyguard.admin.internal.json.Envelope;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** A bug in a resource method is a 500 envelope that tells the client nothing of it. */
class UnexpectedFailureTest {

    private final ObjectMapper json = AdminJson.newMapper();

    @Test
    void aFailureInAResourceMethodIsA500WithoutDetail() throws Exception {
        ErrorMappers.Unexpected mapper = mapperMatching(Object.class.getMethod("toString"));

        Response response = mapper.toResponse(new IllegalStateException("secret detail"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(json.writeValueAsString(response.getEntity()))
                .isEqualTo(
                        "{\"success\":false,\"error\":{\"code\":\"internal_error\","
                                + "\"message\":\"Something went wrong on our side.\"}}");
    }

    @Test
    void aFailureBeforeAnyResourceMethodMatchedIsTheRequestsFault() throws Exception {
        ErrorMappers.Unexpected mapper = mapperMatching(null);

        Response response = mapper.toResponse(new NumberFormatException("q=abc"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(((Envelope) response.getEntity()).getError().code()).isEqualTo("bad_request");
    }

    private static ErrorMappers.Unexpected mapperMatching(Method method) throws Exception {
        ErrorMappers.Unexpected mapper = new ErrorMappers.Unexpected(uri -> true);
        Field field = ErrorMappers.Unexpected.class.getDeclaredField("resourceInfo");
        field.setAccessible(true);
        field.set(
                mapper,
                new ResourceInfo() {
                    @Override
                    public Method getResourceMethod() {
                        return method;
                    }

                    @Override
                    public Class<?> getResourceClass() {
                        return method == null ? null : method.getDeclaringClass();
                    }
                });
        return mapper;
    }
}
