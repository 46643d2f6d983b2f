package dev.keyguard.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KeyDigestTest {

    // sha256("abc") from FIPS 180-2, appendix B.1
    static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void digestOfAKeyIsItsSha256AndGivesTheStoresHexBack() {
        assertThat(KeyDigest.of("abc").hex()).isEqualTo(ABC);
        assertThat(KeyDigest.fromHex(ABC))
                .isEqualTo(KeyDigest.of("abc"))
                .hasSameHashCodeAs(KeyDigest.of("abc"));
    }

    @Test
    void hexOfEitherCaseGivesTheSameDigestAndLowercaseHexBack() {
        assertThat(KeyDigest.fromHex(ABC.toUpperCase())).isEqualTo(KeyDigest.fromHex(ABC));
        assertThat(KeyDigest.fromHex(ABC.toUpperCase()).hex()).isEqualTo(ABC);
    }

    @Test
    void digestsDifferingInAnyOfTheirBytesAreDifferentAndOrdered() {
        KeyDigest base = KeyDigest.fromHex("00".repeat(32));
        for (int i = 0; i < KeyDigest.BYTES; i++) {
            KeyDigest other = KeyDigest.fromHex("00".repeat(i) + "80" + "00".repeat(31 - i));

            assertThat(other).isNotEqualTo(base);
            assertThat(other.compareTo(base)).as("byte %d, unsigned", i).isPositive();
            assertThat(base.compareTo(other)).isNegative();
        }
        assertThat(base.compareTo(KeyDigest.fromHex("00".repeat(32)))).isZero();
    }

    @Test
    void hexThatIsNotSixtyFourHexCharactersIsRefused() {
        assertThat(KeyDigest.isHex(ABC)).isTrue();
        assertThat(KeyDigest.isHex(ABC.substring(1))).isFalse();
        assertThat(KeyDigest.isHex(ABC + "0")).isFalse();
        assertThat(KeyDigest.isHex("g" + ABC.substring(1))).isFalse();
        assertThat(KeyDigest.isHex(null)).isFalse();
        assertThatThrownBy(() -> KeyDigest.fromHex(ABC.substring(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyDigest.fromHex("z" + ABC.substring(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsNothingOfTheHash() {
        assertThat(KeyDigest.of("abc").toString())
                .doesNotContain(ABC.substring(0, 4))
                .isEqualTo("KeyDigest[redacted]");
    }

    @Test
    void threadsHashingAtOnceEachGetTheirOwnKeysDigest() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(
                        threads.submit(
                                () -> {
                                    for (int i = 0; i < 2_000; i++) {
                                        String key = "ll_" + thread + "-" + i;
                                        byte[] expected =
                                                MessageDigest.getInstance("SHA-256")
                                                        .digest(
                                                                key.getBytes(
                                                                        StandardCharsets.UTF_8));
                                        if (!KeyDigest.of(key)
                                                .hex()
                                                .equals(HexFormat.of().formatHex(expected))) {
                                            return false;
                                        }
                                    }
                                    return true;
                                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
