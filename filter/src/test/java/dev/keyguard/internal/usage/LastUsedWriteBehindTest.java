package dev.keyguard.internal.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LastUsedWriteBehindTest {

    static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    final List<Map<String, Instant>> batches = new ArrayList<>();
    volatile boolean failing;
    final LastUsedWriteBehind writeBehind =
            LastUsedWriteBehind.start(
                    batch -> {
                        if (failing) {
                            throw new IllegalStateException("database down (test)");
                        }
                        batches.add(Map.copyOf(batch));
                    },
                    Duration.ofHours(1),
                    "test-flush");

    @AfterEach
    void close() {
        writeBehind.close();
    }

    @Test
    void usesOfOneKeyAreCoalescedIntoItsLatestSecond() {
        for (int i = 0; i < 3_000; i++) {
            writeBehind.recordUse("k1", T0.plusMillis(i));
        }
        writeBehind.recordUse("k2", T0);

        writeBehind.flush();

        assertThat(batches).containsExactly(Map.of("k1", T0.plusSeconds(2), "k2", T0));
        assertThat(writeBehind.pendingCount()).isZero();
    }

    @Test
    void failedFlushKeepsEveryUseForTheNextAttempt() {
        writeBehind.recordUse("k1", T0);
        failing = true;

        assertThatThrownBy(writeBehind::flush).isInstanceOf(IllegalStateException.class);
        writeBehind.recordUse("k1", T0.plusSeconds(1));
        failing = false;
        writeBehind.flush();

        assertThat(batches).containsExactly(Map.of("k1", T0.plusSeconds(1)));
    }

    @Test
    void closeWritesWhatIsPending() {
        writeBehind.recordUse("k1", T0);

        writeBehind.close();

        assertThat(batches).containsExactly(Map.of("k1", T0));
    }

    @Test
    void nothingPendingWritesNothing() {
        writeBehind.flush();

        assertThat(batches).isEmpty();
    }

    @Test
    void flushThreadIsANamedDaemon() {
        LastUsedWriteBehind quick =
                LastUsedWriteBehind.start(
                        batches::add, Duration.ofMillis(20), "keyguard-flush-test");
        try {
            quick.recordUse("k1", T0);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (quick.pendingCount() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(quick.pendingCount()).isZero();
            assertThat(Thread.getAllStackTraces().keySet())
                    .filteredOn(t -> t.getName().equals("keyguard-flush-test"))
                    .allMatch(Thread::isDaemon)
                    .isNotEmpty();
        } finally {
            quick.close();
        }
    }
}
