package dev.keyguard.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
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

    @Test
    void everyCharacterAtEveryPositionIsHexExactlyWhenItIsALowercaseHexDigit() {
        // The hex check reads eight bytes at a time with arithmetic: every byte value, and
        // characters beyond one byte, at every position, beside hex neighbours and beside a byte
        // whose arithmetic carries into the next (0xff).
        String key = format.generate(random);
        for (char neighbour : new char[] {'0', 'f', '\u00ff'}) {
            for (int position = 3; position < 67; position++) {
                for (int c = 0; c <= 0x100; c++) {
                    char[] chars = key.toCharArray();
                    chars[position] = (char) c;
                    if (neighbour != '0' && position > 3) {
                        chars[position - 1] = neighbour;
                    }
                    String candidate = new String(chars);

                    assertThat(format.isWellFormed(candidate))
                            .as("%s at %d beside %s", c, position, (int) neighbour)
                            .isEqualTo(candidate.matches("ll_[0-9a-f]{64}"));
                }
            }
        }
        assertThat(format.isWellFormed(key.substring(0, 10) + "\u0130" + key.substring(11)))
                .isFalse();
    }

    @Test
    void generatedKeyEndsInTheCrc32OfEverythingBeforeItAsJavaUtilZipComputesIt() {
        for (KeyFormat each : new KeyFormat[] {format, KeyFormat.withPrefix("acme_live_")}) {
            String key = each.generate(random);
            String body = key.substring(0, key.length() - 8);
            CRC32 crc = new CRC32();
            crc.update(body.getBytes(StandardCharsets.US_ASCII));

            assertThat(key.substring(key.length() - 8))
                    .isEqualTo(String.format("%08x", crc.getValue()));
            assertThat(each.hasValidChecksum(key)).isTrue();
        }
    }

    @Test
    void theChecksumCoversThePrefix() {
        String key = KeyFormat.withPrefix("aa_").generate(random);

        assertThat(KeyFormat.withPrefix("bb_").hasValidChecksum("bb_" + key.substring(3)))
                .isFalse();
    }

    @Property
    void changingAnyOneHexCharacterBreaksTheChecksum(
            @ForAll @IntRange(min = 3, max = 66) int position,
            @ForAll @IntRange(min = 1, max = 15) int delta) {
        String key = format.generate(random);
        char replaced =
                Character.forDigit((Character.digit(key.charAt(position), 16) + delta) % 16, 16);
        String forged = key.substring(0, position) + replaced + key.substring(position + 1);

        assertThat(format.isWellFormed(forged)).isTrue();
        assertThat(format.hasValidChecksum(forged)).isFalse();
    }

    @Test
    void withChecksumMakesAKeyTheFormatAccepts() {
        String key = KeyFormat.withChecksum("ll_" + "0".repeat(56));

        assertThat(format.isWellFormed(key)).isTrue();
        assertThat(format.hasValidChecksum(key)).isTrue();
        assertThat(format.hasValidChecksum("ll_" + "0".repeat(64))).isFalse();
    }
}
