package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyFilterLifecycleTest {

    static Keyguard startInMemory() {
        return Keyguard.start(TestDatabase.h2().config().build());
    }

    @Test
    void keyguardGivenInCodeIsPublishedAndLeftOpenOnDestroy() throws Exception {
        try (Keyguard keyguard = startInMemory()) {
            TestFilterConfig config = new TestFilterConfig(Map.of(), Map.of());
            ApiKeyFilter filter = new ApiKeyFilter(keyguard);

            filter.init(config);
            assertThat(config.getServletContext().getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE))
                    .isSameAs(keyguard);
            filter.destroy();

            assertThat(config.getServletContext().getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE))
                    .isNull();
            assertThat(keyguard.service().list("org-1")).isEmpty();
        }
    }

    @Test
    void secondFilterLeavesTheFirstKeyguardPublished() throws Exception {
        try (Keyguard first = startInMemory();
                Keyguard second = startInMemory()) {
            TestFilterConfig config = new TestFilterConfig(Map.of(), Map.of());
            new ApiKeyFilter(first).init(config);
            ApiKeyFilter other = new ApiKeyFilter(second);

            other.init(config);
            other.destroy();

            assertThat(config.getServletContext().getAttribute(ApiKeyFilter.CONTEXT_ATTRIBUTE))
                    .isSameAs(first);
        }
    }
}
