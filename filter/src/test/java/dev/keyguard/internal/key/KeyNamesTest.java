package dev.keyguard.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.keyguard.KeyguardException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class KeyNamesTest {

    @Test
    void missingOrBlankNameIsTheDefault() {
        assertThat(KeyNames.normalise(null)).isEqualTo("API Key");
        assertThat(KeyNames.normalise("")).isEqualTo("API Key");
        assertThat(KeyNames.normalise(" \u2003 ")).isEqualTo("API Key");
    }

    @Test
    void nameIsTrimmed() {
        assertThat(KeyNames.normalise("  CI deploys \t")).isEqualTo("CI deploys");
    }

    @Test
    void lengthIsCountedInCodePointsAfterTrimming() {
        assertThat(KeyNames.normalise(" " + "é".repeat(100) + " ")).hasSize(100);
        assertThat(KeyNames.normalise("𝄞".repeat(100))).hasSize(200);
        assertThat(catchThrowable(() -> KeyNames.normalise("a".repeat(101))))
                .isInstanceOf(KeyguardException.class)
                .hasMessageContaining("100");
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreRefused() {
        for (String bad :
                new String[] {"a\nb", "a\u0000b", "tab\tinside", "a\u007fb", "a\ud800b"}) {
            assertThat(catchThrowable(() -> KeyNames.normalise(bad)))
                    .isInstanceOfSatisfying(
                            KeyguardException.class,
                            e ->
                                    assertThat(e.reason())
                                            .isEqualTo(KeyguardException.Reason.VALIDATION_ERROR));
        }
    }

    @Property(tries = 5_000)
    void anyStringGivesAValidNameOrTheValidationError(@ForAll String raw) {
        String name;
        try {
            name = KeyNames.normalise(raw);
        } catch (KeyguardException e) {
            assertThat(e.reason()).isEqualTo(KeyguardException.Reason.VALIDATION_ERROR);
            return;
        }
        assertThat(name).isNotBlank().isEqualTo(name.strip());
        assertThat(name.codePointCount(0, name.length())).isLessThanOrEqualTo(100);
        assertThat(name.codePoints()).noneMatch(Character::isISOControl);
    }
}
