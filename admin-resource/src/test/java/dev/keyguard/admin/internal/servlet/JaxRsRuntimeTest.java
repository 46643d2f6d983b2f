package dev.keyguard.admin.internal.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Which runtime the Admin API servlet takes (this JVM has both Jersey and RESTEasy). */
class JaxRsRuntimeTest {

    private final ClassLoader both = getClass().getClassLoader();

    @Test
    void jerseyComesFirstAndAParameterChooses() throws ServletException {
        assertThat(JaxRsRuntime.choose(null, both)).isEqualTo(JaxRsRuntime.JERSEY);
        assertThat(JaxRsRuntime.choose(" ", both)).isEqualTo(JaxRsRuntime.JERSEY);
        assertThat(JaxRsRuntime.choose("RESTEasy", both)).isEqualTo(JaxRsRuntime.RESTEASY);
        assertThat(JaxRsRuntime.choose("jersey", both)).isEqualTo(JaxRsRuntime.JERSEY);
    }

    @Test
    void anUnknownNameIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> JaxRsRuntime.choose("cxf", both))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("keyguard.admin.runtime is 'cxf'")
                .hasMessageContaining("jersey or resteasy");
    }

    @Test
    void aWebAppWithoutAnyRuntimeIsToldWhatToAdd() {
        try (URLClassLoader none = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> JaxRsRuntime.choose(null, none))
                    .isInstanceOf(ServletException.class)
                    .hasMessageContaining("no JAX-RS runtime")
                    .hasMessageContaining("jersey-container-servlet-core");
            assertThatThrownBy(() -> JaxRsRuntime.choose("resteasy", none))
                    .isInstanceOf(ServletException.class)
                    .hasMessageContaining("HttpServlet30Dispatcher");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
