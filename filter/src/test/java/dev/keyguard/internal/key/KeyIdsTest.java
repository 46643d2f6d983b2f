package dev.keyguard.internal.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyIdsTest {

    @Test
    void idsAreUrlSafeShortAndDoNotRepeat() {
        SecureRandom random = new SecureRandom();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = KeyIds.next(random);
            assertThat(id)
                    .matches("key_[A-Za-z0-9_-]{20}")
                    .hasSizeLessThanOrEqualTo(KeyIds.MAX_LENGTH);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void onlyUrlSafeIdsUpToTheLengthArePossible() {
        assertThat(KeyIds.isPossible(KeyIds.next(new SecureRandom()))).isTrue();
        assertThat(KeyIds.isPossible("a")).isTrue();
        assertThat(KeyIds.isPossible("x".repeat(KeyIds.MAX_LENGTH))).isTrue();
        for (String id :
                new String[] {
                    null,
                    "",
                    "x".repeat(KeyIds.MAX_LENGTH + 1),
                    "a/b",
                    "a\\b",
                    "a\u0000b",
                    "a b",
                    "a%2Fb",
                    "..",
                    "key_é",
                    "🔑"
                }) {
            assertThat(KeyIds.isPossible(id)).as(String.valueOf(id)).isFalse();
        }
    }
}
