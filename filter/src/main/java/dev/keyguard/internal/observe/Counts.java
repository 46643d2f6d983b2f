package dev.keyguard.internal.observe;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What one Keyguard counts for its meters, in plain JDK types: Micrometer, when the host has it,
 * reads these ({@code dev.keyguard.internal.metrics}); without it nothing here names a Micrometer
 * type. Thread-safe.
 *
 * <p>Design note. Counting is an {@link Observer} on the request path, so it must cost a few
 * nanoseconds and allocate nothing: one {@link LongAdder} per {@link Outcome}, in an array indexed
 * by ordinal (no map look-up, no tag built per request). Micrometer reads them as function
 * counters, so any number of registries can watch the same counts, and binding a registry late
 * loses nothing counted before.
 */
public final class Counts implements Observer {

    /** How a look-up of a key in the store (on a cache miss) ended. */
    public enum Lookup {
        /** The store knows the key. */
        FOUND,
        /** The store does not know it. */
        ABSENT,
        /** The store could not answer. */
        FAILED;

        private final String tag = name().toLowerCase(java.util.Locale.ROOT);

        /** The result's name in metrics. */
        public String tag() {
            return tag;
        }
    }

    private final LongAdder[] outcomes = adders(Outcome.values().length);
    private final LongAdder throttleStarts = new LongAdder();
    private final LongAdder[] lookups = adders(Lookup.values().length);
    private final LongAdder[] lookupNanos = adders(Lookup.values().length);
    private final Set<LongSupplier> throttles = new CopyOnWriteArraySet<>();

    @Override
    public void outcome(Outcome outcome) {
        outcomes[outcome.ordinal()].increment();
    }

    @Override
    public void throttleStarted(String addressGroup, long blockedSeconds) {
        throttleStarts.increment();
    }

    /** Records one store look-up and how long it took. */
    public void lookedUp(Lookup result, long nanos) {
        lookups[result.ordinal()].increment();
        lookupNanos[result.ordinal()].add(nanos);
    }

    /** Requests (and {@code verify} calls) that ended with this outcome. */
    public long outcomes(Outcome outcome) {
        return outcomes[outcome.ordinal()].sum();
    }

    /** Times a client address group was blocked by a throttle. */
    public long throttleStarts() {
        return throttleStarts.sum();
    }

    /** Store look-ups with this result. */
    public long lookups(Lookup result) {
        return lookups[result.ordinal()].sum();
    }

    /** Their total time, in nanoseconds. */
    public long lookupNanos(Lookup result) {
        return lookupNanos[result.ordinal()].sum();
    }

    /**
     * A filter's throttle while the filter runs: {@code blockedNow} tells how many address groups
     * it blocks now. The filter removes it again with {@link #removeThrottle} when destroyed.
     */
    public void addThrottle(LongSupplier blockedNow) {
        throttles.add(blockedNow);
    }

    public void removeThrottle(LongSupplier blockedNow) {
        throttles.remove(blockedNow);
    }

    /** Address groups blocked now by the throttles of every running filter of this Keyguard. */
    public long blockedNow() {
        long sum = 0;
        for (LongSupplier throttle : throttles) {
            sum += throttle.getAsLong();
        }
        return sum;
    }

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
