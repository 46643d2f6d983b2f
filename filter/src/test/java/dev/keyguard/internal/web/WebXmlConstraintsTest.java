package dev.keyguard.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.internal.web.WebXmlConstraints.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which roles a request needs, read from web.xml as the Servlet specification matches them. */
class WebXmlConstraintsTest {

    private static final String CONSTRAINTS =
            """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection>
                  <url-pattern>/reports/*</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>reports:read</role-name></auth-constraint>
              </security-constraint>
              <security-constraint>
                <web-resource-collection>
                  <url-pattern>/reports/annual</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>finance</role-name></auth-constraint>
              </security-constraint>
              <security-constraint>
                <web-resource-collection>
                  <url-pattern>/reports/public/*</url-pattern>
                </web-resource-collection>
              </security-constraint>
              <security-constraint>
                <web-resource-collection>
                  <url-pattern>*.csv</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>*</role-name></auth-constraint>
              </security-constraint>
              <security-constraint>
                <web-resource-collection>
                  <url-pattern>/closed/*</url-pattern>
                </web-resource-collection>
                <auth-constraint/>
              </security-constraint>
              <security-constraint>
                <web-resource-collection>
                  <url-pattern>/me</url-pattern>
                </web-resource-collection>
                <auth-constraint><role-name>**</role-name></auth-constraint>
              </security-constraint>
              <security-role><role-name>exports</role-name></security-role>
              <security-role><role-name>reports:read</role-name></security-role>
            </web-app>
            """;

    @Test
    void anExactPatternWinsOverAPrefix() throws IOException {
        assertThat(read(CONSTRAINTS).required("GET", "/reports/annual").roles())
                .containsExactly("finance");
        assertThat(read(CONSTRAINTS).required("GET", "/reports/q1").roles())
                .containsExactly("reports:read");
    }

    @Test
    void theLongestPrefixWinsAndAConstraintWithoutAuthLetsAnyoneIn() throws IOException {
        assertThat(read(CONSTRAINTS).required("GET", "/reports/public/q1").kind())
                .isEqualTo(Kind.NONE);
    }

    @Test
    void anExtensionMatchesOnlyWithoutAPrefixMatchAndStarMeansEverySecurityRole()
            throws IOException {
        assertThat(read(CONSTRAINTS).required("GET", "/exports/all.csv").roles())
                .containsExactlyInAnyOrder("exports", "reports:read");
        assertThat(read(CONSTRAINTS).required("GET", "/reports/all.csv").roles())
                .containsExactly("reports:read");
    }

    @Test
    void anEmptyAuthConstraintLetsNobodyInAndDoubleStarAnyCaller() throws IOException {
        assertThat(read(CONSTRAINTS).required("GET", "/closed/x").kind()).isEqualTo(Kind.NOBODY);
        assertThat(read(CONSTRAINTS).required("GET", "/me").kind()).isEqualTo(Kind.AUTHENTICATED);
        assertThat(read(CONSTRAINTS).required("GET", "/other").kind()).isEqualTo(Kind.NONE);
    }

    @Test
    void anOldWebXmlWithADoctypeIsReadWithoutFetchingIt() throws IOException {
        String old =
                """
                <!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN"
                  "http://java.sun.com/dtd/web-app_2_3.dtd">
                <web-app>
                  <security-constraint>
                    <web-resource-collection><url-pattern>/a/*</url-pattern></web-resource-collection>
                    <auth-constraint><role-name>a:read</role-name></auth-constraint>
                  </security-constraint>
                </web-app>
                """;

        assertThat(read(old).required("GET", "/a/1").roles()).containsExactly("a:read");
    }

    @Test
    void aWebXmlThatDoesNotParseIsAnIoException() {
        assertThatThrownBy(() -> read("<web-app>")).isInstanceOf(IOException.class);
    }

    private static WebXmlConstraints read(String xml) throws IOException {
        return WebXmlConstraints.read(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
