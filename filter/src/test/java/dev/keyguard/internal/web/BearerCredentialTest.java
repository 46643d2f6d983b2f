package dev.keyguard.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerCredentialTest {

    @Test
    void keyIsTakenFromABearerHeaderOfAnyCaseAndSpacing() {
        assertThat(BearerCredential.fromHeader("Bearer abc")).isEqualTo("abc");
        assertThat(BearerCredential.fromHeader("bearer abc")).isEqualTo("abc");
        assertThat(BearerCredential.fromHeader("  BEARER \t abc \t")).isEqualTo("abc");
    }

    @Test
    void otherSchemesAndNoHeaderAreMissingCredentials() {
        assertThat(BearerCredential.fromHeader(null)).isNull();
        assertThat(BearerCredential.fromHeader("Basic dXNlcjpwYXNz")).isNull();
        assertThat(BearerCredential.fromHeader("Bearerabc")).isNull();
        assertThat(BearerCredential.fromHeader("")).isNull();
    }

    @Test
    void bearerWithoutAKeyIsMalformed() {
        assertThat(BearerCredential.fromHeader("Bearer")).isEqualTo(BearerCredential.MALFORMED);
        assertThat(BearerCredential.fromHeader("Bearer    ")).isEqualTo(BearerCredential.MALFORMED);
    }
}
