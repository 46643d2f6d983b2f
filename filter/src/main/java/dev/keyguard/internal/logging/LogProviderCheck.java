package dev.keyguard.internal.logging;

import java.io.PrintStream;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Says once, on standard error, that Keyguard's logs go nowhere: with no SLF4J provider on the
 * class path (or only an SLF4J 1.x binding, which SLF4J 2 ignores) SLF4J falls back to a logger
 * that drops everything, and a host would otherwise never learn why Keyguard says nothing. A host
 * that chose {@code slf4j-nop} on purpose is not told.
 *
 * <p>Once per class loader of Keyguard (so once per web app): the provider is a fact of the class
 * path, the same for every Keyguard the app starts. Thread-safe.
 */
public final class LogProviderCheck {

    /** The line printed; it names the fix. */
    public static final String MESSAGE =
            "Keyguard: no SLF4J provider on the class path, so Keyguard's logs are dropped."
                    + " Add one to WEB-INF/lib (or the host's dependencies): slf4j-jdk14 to send"
                    + " them to java.util.logging (the container's log), or logback-classic or"
                    + " slf4j-simple.";

    private static final AtomicBoolean SAID = new AtomicBoolean();

    private LogProviderCheck() {}

    /**
     * Prints {@link #MESSAGE} to {@link System#err} if logs are dropped and it was not said yet.
     */
    public static void sayIfLogsAreDropped() {
        if (logsAreDropped() && SAID.compareAndSet(false, true)) {
            PrintStream err = System.err;
            err.println(MESSAGE);
        }
    }

    static boolean logsAreDropped() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return factory instanceof NOPLoggerFactory && !hasDeclaredProvider();
    }

    /** Whether a provider is declared, as SLF4J looks for one: then a NOP factory is a choice. */
    private static boolean hasDeclaredProvider() {
        try {
            return ServiceLoader.load(
                            SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader())
                    .iterator()
                    .hasNext();
        } catch (ServiceConfigurationError | LinkageError e) {
            // A broken declaration (or an SLF4J 1.x API, without providers): nothing that logs.
            return false;
        }
    }
}
