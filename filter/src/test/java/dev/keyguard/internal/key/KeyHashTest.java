package dev.keyguard.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyHashTest {

    @Test
    void hashIsSha256HexOfTheUtf8BytesOfTheWholeKey() {
        // sha256("abc") from FIPS 180-2, appendix B.1
        assertThat(KeyHash.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void hashIsSixtyFourLowercaseHexAndDiffersFromTheKey() {
        String key = "ll_" + "a1".repeat(32);

        assertThat(KeyHash.sha256Hex(key)).matches("[0-9a-f]{64}").isNotEqualTo(key.substring(3));
    }
}
