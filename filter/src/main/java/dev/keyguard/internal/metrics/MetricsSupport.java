package dev.keyguard.internal.metrics;

import dev.keyguard.internal.Internals;

/**
 * Whether Micrometer is on Keyguard's class path, and the one way into the classes that use it.
 * This class names no Micrometer type, so Keyguard may load it whether or not Micrometer is there;
 * {@link MeterBinding} is loaded only when this says it is. Thread-safe.
 */
public final class MetricsSupport {

    private static final boolean PRESENT =
            isOnClassPath("io.micrometer.core.instrument.MeterRegistry");

    private MetricsSupport() {}

    /** Whether Micrometer can be loaded by Keyguard's own class loader. */
    public static boolean micrometerPresent() {
        return PRESENT;
    }

    /**
     * Binds a running Keyguard's meters to Micrometer's global registry, until it closes.
     *
     * @throws IllegalStateException if Micrometer is not on the class path
     */
    public static void bindGlobal(Internals internals, java.time.Clock clock) {
        if (!PRESENT) {
            throw new IllegalStateException("Micrometer is not on Keyguard's class path");
        }
        MeterBinding.bindGlobal(internals, clock);
    }

    static boolean isOnClassPath(String className) {
        try {
            Class.forName(className, false, MetricsSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
