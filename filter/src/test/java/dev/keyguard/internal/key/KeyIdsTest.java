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
}
