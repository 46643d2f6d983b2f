package dev.keyguard.bench.scale;

import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardInternals;
import dev.keyguard.bench.BenchDatabase;
import dev.keyguard.internal.cache.CachingKeyStore;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.IntStream;
import org.openjdk.jol.info.GraphLayout;

/**
 * Memory per cached key: fills a Keyguard cache of 100,000 entries from the million keys of {@link
 * BulkKeys} (PostgreSQL), then measures the cache's object graph with JOL (exact sizes of
 * everything reachable from the Caffeine cache) and, as a cross-check, the heap in use after full
 * GCs before and after filling. Prints the largest classes of the graph.
 */
public final class CacheMemory {

    private static final int KEYS = 100_000;

    public static void main(String[] args) throws Exception {
        try (Keyguard keyguard =
                Keyguard.start(
                        KeyguardConfig.builder()
                                .jdbc(
                                        BenchDatabase.url(),
                                        BenchDatabase.user(),
                                        BenchDatabase.password())
                                .cacheMaximumSize(KEYS)
                                // BulkKeys are imported in bulk, without a checksum.
                                .keysAcceptWithoutChecksum(true)
                                .cacheRevalidateAfter(Duration.ofHours(1))
                                .lastUsedFlushInterval(Duration.ofHours(1))
                                .build())) {
            double inserted =
                    BulkKeys.ensure(
                            BenchDatabase.url(), BenchDatabase.user(), BenchDatabase.password());
            if (inserted > 0) {
                System.out.printf(
                        Locale.ROOT, "Inserted %d keys in %.1f s%n", BulkKeys.COUNT, inserted);
            }
            String[] keys = IntStream.range(0, KEYS).mapToObj(BulkKeys::key).toArray(String[]::new);
            Object cache = cacheOf(KeyguardInternals.of(keyguard).cache());
            keyguard.verify(keys[0]);
            KeyguardInternals.of(keyguard).cache().invalidateAll();
            KeyguardInternals.of(keyguard).cache().cleanUp();
            long emptyGraph = GraphLayout.parseInstance(cache).totalSize();
            long emptyHeap = usedHeapAfterGc();

            IntStream.range(0, KEYS).parallel().forEach(i -> keyguard.verify(keys[i]));
            KeyguardInternals.of(keyguard).cache().cleanUp();
            long entries = KeyguardInternals.of(keyguard).cache().estimatedSize();
            long fullHeap = usedHeapAfterGc();
            GraphLayout full = GraphLayout.parseInstance(cache);
            long fullGraph = full.totalSize();

            System.out.printf(Locale.ROOT, "Cache entries: %d%n", entries);
            System.out.printf(
                    Locale.ROOT,
                    "JOL, graph of the cache: %,d bytes empty, %,d bytes"
                            + " full: %.0f bytes per cached key%n",
                    emptyGraph,
                    fullGraph,
                    (double) (fullGraph - emptyGraph) / entries);
            System.out.printf(
                    Locale.ROOT,
                    "Heap in use after GC: %,d bytes more: %.0f bytes per" + " cached key%n",
                    fullHeap - emptyHeap,
                    (double) (fullHeap - emptyHeap) / entries);
            String[] lines = full.toFootprint().split("\n");
            for (int i = 0; i < Math.min(lines.length, 22); i++) {
                System.out.println(lines[i]);
            }
            // Keep the keys reachable until after the second heap reading.
            System.out.println("(" + keys.length + " keys presented)");
        }
    }

    private static Object cacheOf(CachingKeyStore store) throws ReflectiveOperationException {
        Field field = CachingKeyStore.class.getDeclaredField("cache");
        field.setAccessible(true);
        return field.get(store);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
