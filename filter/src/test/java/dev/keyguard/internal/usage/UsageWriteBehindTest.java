package dev.keyguard.internal.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.spi.UsageCount;
import dev.keyguard.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UsageWriteBehindTest {

    static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    static final LocalDate DAY0 = LocalDate.parse("2026-05-01");

    final RecordingSink sink = new RecordingSink();
    final MutableClock clock = new MutableClock(T0);
    final UsageWriteBehind writeBehind =
            UsageWriteBehind.start(sink, Duration.ofHours(1), clock, Duration.ofDays(90), "test");

    @AfterEach
    void close() {
        writeBehind.close();
    }

    @Test
    void usesOfOneKeyAreCountedAndCoalescedIntoItsLatestSecond() {
        for (int i = 0; i < 3_000; i++) {
            writeBehind.recordUse("k1", T0.plusMillis(i).toEpochMilli());
        }
        writeBehind.recordUse("k2", T0.toEpochMilli());

        writeBehind.flush();

        assertThat(sink.lastUsed).containsExactly(Map.of("k1", T0.plusSeconds(2), "k2", T0));
        assertThat(sink.totals()).isEqualTo(Map.of("k1@" + DAY0, 3_000L, "k2@" + DAY0, 1L));
        assertThat(writeBehind.pendingCount()).isZero();
    }

    @Test
    void eachUtcDayHasItsOwnCount() {
        writeBehind.recordUse("k1", T0.minusSeconds(1).toEpochMilli());
        writeBehind.recordUse("k1", T0.minusSeconds(1).toEpochMilli());
        writeBehind.recordUse("k1", T0.toEpochMilli());

        writeBehind.flush();

        assertThat(sink.totals())
                .isEqualTo(Map.of("k1@" + DAY0.minusDays(1), 2L, "k1@" + DAY0, 1L));
        assertThat(sink.lastUsed).containsExactly(Map.of("k1", T0));
        assertThat(writeBehind.pendingCount()).isZero();
    }

    @Test
    void aUseThatReadTheClockBeforeMidnightAfterOneWithAfterCountsOnTheNewDay() {
        writeBehind.recordUse("k1", T0.toEpochMilli());
        writeBehind.recordUse("k1", T0.minusMillis(1).toEpochMilli());

        writeBehind.flush();

        assertThat(sink.totals()).isEqualTo(Map.of("k1@" + DAY0, 2L));
    }

    @Test
    void failedFlushKeepsEveryUseForTheNextAttempt() {
        writeBehind.recordUse("k1", T0.toEpochMilli());
        sink.failCounts = true;

        assertThatThrownBy(writeBehind::flush).isInstanceOf(IllegalStateException.class);
        writeBehind.recordUse("k1", T0.plusSeconds(1).toEpochMilli());
        sink.failCounts = false;
        writeBehind.flush();

        assertThat(sink.totals()).isEqualTo(Map.of("k1@" + DAY0, 2L));
        assertThat(sink.lastUsed).containsExactly(Map.of("k1", T0.plusSeconds(1)));
    }

    @Test
    void countsWrittenBeforeTheLastUseFailedAreNotAddedAgain() {
        writeBehind.recordUse("k1", T0.toEpochMilli());
        sink.failLastUsed = true;

        assertThatThrownBy(writeBehind::flush).isInstanceOf(IllegalStateException.class);
        sink.failLastUsed = false;
        writeBehind.flush();

        assertThat(sink.totals()).isEqualTo(Map.of("k1@" + DAY0, 1L));
        assertThat(sink.lastUsed).containsExactly(Map.of("k1", T0));
        assertThat(writeBehind.pendingCount()).isZero();
    }

    @Test
    void closeWritesWhatIsPending() {
        writeBehind.recordUse("k1", T0.toEpochMilli());

        writeBehind.close();

        assertThat(sink.totals()).isEqualTo(Map.of("k1@" + DAY0, 1L));
        assertThat(sink.lastUsed).containsExactly(Map.of("k1", T0));
    }

    @Test
    void nothingPendingWritesNothing() {
        writeBehind.flush();

        assertThat(sink.counts).isEmpty();
        assertThat(sink.lastUsed).isEmpty();
    }

    @Test
    void daysBeyondTheRetentionArePurgedOnceADay() {
        writeBehind.flush();
        writeBehind.flush();
        clock.advance(Duration.ofHours(23));
        writeBehind.flush();
        clock.advance(Duration.ofHours(1));
        writeBehind.flush();

        assertThat(sink.purgedBefore).containsExactly(DAY0.minusDays(90), DAY0.minusDays(89));
    }

    @Test
    void afterAFailedPurgeTheNextFlushPurges() {
        sink.failPurge = true;
        writeBehind.recordUse("k1", T0.toEpochMilli());
        writeBehind.flush();
        assertThat(sink.totals()).as("written all the same").isEqualTo(Map.of("k1@" + DAY0, 1L));
        sink.failPurge = false;

        writeBehind.flush();

        assertThat(sink.purgedBefore).containsExactly(DAY0.minusDays(90));
    }

    /**
     * Threads record uses of a few keys while the clock crosses midnight twice and another thread
     * flushes into a sink that fails now and then: every use is counted exactly once, and the
     * entries are all sealed and gone at the end.
     */
    @Test
    void concurrentUsesAcrossDayChangesAndFailingFlushesAreCountedExactlyOnce() throws Exception {
        String[] keys = {"k1", "k2", "k3"};
        int threads = 4;
        int usesPerThread = 200_000;
        clock.set(T0.minusSeconds(2));
        AtomicBoolean recording = new AtomicBoolean(true);
        AtomicInteger uses = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            List<Future<long[]>> recorders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                recorders.add(
                        pool.submit(
                                () -> {
                                    long[] perKey = new long[keys.length];
                                    go.await();
                                    ThreadLocalRandom random = ThreadLocalRandom.current();
                                    for (int i = 0; i < usesPerThread; i++) {
                                        int k = random.nextInt(keys.length);
                                        writeBehind.recordUse(keys[k], clock.millis());
                                        perKey[k]++;
                                        int n = uses.incrementAndGet();
                                        // Midnight, and the next one, while others record.
                                        if (n == 200_000) {
                                            clock.advance(Duration.ofSeconds(2));
                                        } else if (n == 500_000) {
                                            clock.advance(Duration.ofDays(1));
                                        }
                                    }
                                    return perKey;
                                }));
            }
            Future<?> flusher =
                    pool.submit(
                            () -> {
                                go.await();
                                ThreadLocalRandom random = ThreadLocalRandom.current();
                                while (recording.get()) {
                                    sink.failCounts = random.nextInt(4) == 0;
                                    sink.failLastUsed = random.nextInt(4) == 0;
                                    try {
                                        writeBehind.flush();
                                    } catch (IllegalStateException expected) {
                                        // kept for the next flush
                                    }
                                }
                                return null;
                            });
            go.countDown();
            long[] expected = new long[keys.length];
            for (Future<long[]> recorder : recorders) {
                long[] perKey = recorder.get();
                for (int k = 0; k < keys.length; k++) {
                    expected[k] += perKey[k];
                }
            }
            recording.set(false);
            flusher.get();
            sink.failCounts = false;
            sink.failLastUsed = false;
            writeBehind.flush();

            Map<String, Long> perKey = new TreeMap<>();
            sink.counts.forEach(count -> perKey.merge(count.keyId(), count.requests(), Long::sum));
            assertThat(perKey)
                    .isEqualTo(Map.of("k1", expected[0], "k2", expected[1], "k3", expected[2]));
            assertThat(perKey.values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo((long) threads * usesPerThread);
            assertThat(sink.counts).allMatch(count -> count.requests() > 0);
            assertThat(sink.totals().keySet())
                    .as("counted on the days the clock showed")
                    .allMatch(
                            day ->
                                    day.endsWith(DAY0.minusDays(1).toString())
                                            || day.endsWith(DAY0.toString())
                                            || day.endsWith(DAY0.plusDays(1).toString()));
            assertThat(writeBehind.pendingCount()).isZero();
            assertThat(sink.totals())
                    .containsKeys("k1@" + DAY0.minusDays(1), "k1@" + DAY0.plusDays(1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void flushThreadIsANamedDaemon() {
        UsageWriteBehind quick =
                UsageWriteBehind.start(
                        sink, Duration.ofMillis(20), clock, Duration.ofDays(1), "keyguard-flush-t");
        try {
            quick.recordUse("k1", T0.toEpochMilli());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (quick.pendingCount() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(quick.pendingCount()).isZero();
            assertThat(Thread.getAllStackTraces().keySet())
                    .filteredOn(t -> t.getName().equals("keyguard-flush-t"))
                    .allMatch(Thread::isDaemon)
                    .isNotEmpty();
        } finally {
            quick.close();
        }
    }

    /** Keeps what was written; fails a kind of write while told to. */
    static final class RecordingSink implements UsageWriteBehind.UsageSink {
        final List<UsageCount> counts = new ArrayList<>();
        final List<Map<String, Instant>> lastUsed = new ArrayList<>();
        final List<LocalDate> purgedBefore = new ArrayList<>();
        volatile boolean failCounts;
        volatile boolean failLastUsed;
        volatile boolean failPurge;

        @Override
        public synchronized void addCounts(List<UsageCount> batch) {
            if (failCounts) {
                throw new IllegalStateException("database down (test)");
            }
            counts.addAll(batch);
        }

        @Override
        public synchronized void writeLastUsed(Map<String, Instant> lastUsedByKeyId) {
            if (failLastUsed) {
                throw new IllegalStateException("database down (test)");
            }
            lastUsed.add(Map.copyOf(lastUsedByKeyId));
        }

        @Override
        public synchronized int purge(LocalDate before) {
            if (failPurge) {
                throw new IllegalStateException("database down (test)");
            }
            purgedBefore.add(before);
            return 0;
        }

        /** "key@day" to the requests added for it. */
        synchronized Map<String, Long> totals() {
            Map<String, Long> totals = new TreeMap<>();
            counts.forEach(
                    count ->
                            totals.merge(
                                    count.keyId() + "@" + count.day(),
                                    count.requests(),
                                    Long::sum));
            return totals;
        }
    }
}
