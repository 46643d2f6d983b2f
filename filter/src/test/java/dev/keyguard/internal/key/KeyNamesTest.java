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
    void namesThatDisguiseThemselvesAreRefused() {
        // "Prod key" shown as "yek dorP"-like text, and names that look equal but are not.
        for (String bad :
                new String[] {
                    "\u202eyek dorP",
                    "Prod\u202a key",
                    "Prod\u202b key",
                    "Prod\u202c key",
                    "Prod\u202d key",
                    "Prod\u2066 key",
                    "Prod\u2067 key",
                    "Prod\u2068 key",
                    "Prod\u2069 key",
                    "Prod\u200e key",
                    "Prod\u200f key",
                    "Prod\u061c key",
                    "Pr\u200bod key",
                    "Pr\u00adod key",
                    "\ufeffProd key",
                    "Prod\u2060key"
                }) {
            assertThat(catchThrowable(() -> KeyNames.normalise(bad)))
                    .as("U+%04X", bad.codePoints().filter(KeyNames::isHidden).findFirst().orElse(0))
                    .isInstanceOfSatisfying(
                            KeyguardException.class,
                            e ->
                                    assertThat(e.reason())
                                            .isEqualTo(KeyguardException.Reason.VALIDATION_ERROR));
        }
    }

    @Test
    void emojiBuiltWithJoinersAndTagsStayValidNames() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        String scotland =
                "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74"
                        + "\uDB40\uDC7F";

        assertThat(KeyNames.normalise("Family " + family)).isEqualTo("Family " + family);
        assertThat(KeyNames.normalise("Edinburgh " + scotland)).isEqualTo("Edinburgh " + scotland);
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
