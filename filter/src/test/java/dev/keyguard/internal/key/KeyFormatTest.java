package dev.keyguard.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class KeyFormatTest {

    private final SecureRandom random = new SecureRandom();
    private final KeyFormat format = KeyFormat.defaultFormat();

    @Test
    void generatedKeyIsDefaultPrefixAndSixtyFourLowercaseHex() {
        String key = format.generate(random);

        assertThat(key).matches("ll_[0-9a-f]{64}");
        assertThat(format.isWellFormed(key)).isTrue();
        assertThat(format.displayPrefix(key)).hasSize(13).isEqualTo(key.substring(0, 13));
    }

    @Test
    void twoKeysNeverRepeat() {
        assertThat(format.generate(random)).isNotEqualTo(format.generate(random));
    }

    @Test
    void longerPrefixShowsPrefixPlusTenHex() {
        KeyFormat custom = KeyFormat.withPrefix("acme_live_");
        String key = custom.generate(random);

        assertThat(key).matches("acme_live_[0-9a-f]{64}");
        assertThat(custom.displayPrefix(key)).isEqualTo(key.substring(0, 20));
        assertThat(format.isWellFormed(key)).isFalse();
    }

    @Test
    void prefixMustBeLettersDigitsAndUnderscoreEndingInUnderscore() {
        for (String bad :
                new String[] {"", "_", "ll", "ll-", "l l_", "ключ_", "a".repeat(32) + "_"}) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> KeyFormat.withPrefix(bad))
                    .withMessageContaining("Invalid key prefix");
        }
        assertThat(KeyFormat.withPrefix("Sk_9_").prefix()).isEqualTo("Sk_9_");
    }

    @Test
    void uppercaseHexWrongLengthAndWrongPrefixAreMalformed() {
        String key = format.generate(random);

        assertThat(format.isWellFormed(key.toUpperCase())).isFalse();
        assertThat(format.isWellFormed("LL_" + key.substring(3))).isFalse();
        assertThat(format.isWellFormed(key + "0")).isFalse();
        assertThat(format.isWellFormed(key.substring(1))).isFalse();
        assertThat(format.isWellFormed("xx_" + key.substring(3))).isFalse();
        assertThat(format.isWellFormed(key.substring(0, 66) + "g")).isFalse();
        assertThat(format.isWellFormed(null)).isFalse();
    }

    @Property
    void anyStringIsEitherWellFormedOrNotButNeverThrows(@ForAll String candidate) {
        assertThat(format.isWellFormed(candidate)).isEqualTo(candidate.matches("ll_[0-9a-f]{64}"));
    }
}
