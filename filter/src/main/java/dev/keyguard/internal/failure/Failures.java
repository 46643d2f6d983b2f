package dev.keyguard.internal.failure;

import dev.keyguard.KeyguardException;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** How Keyguard's internals describe and classify a failure of the store, whichever store it is. */
public final class Failures {

    private Failures() {}

    /**
     * The root cause's class and SQLSTATE, but not its message: a database message may quote the
     * values of a statement (PostgreSQL's "Key (key_hash)=(...) already exists"), and a hash never
     * goes to a log. The same holds for the messages of a host's own store.
     */
    public static String describe(Throwable e) {
        String state = null;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
        }
        return root.getClass().getName() + (state == null ? "" : ", SQLSTATE " + state);
    }

    /**
     * Runs a call into a store, turning any failure that is not already a {@link KeyguardException}
     * into {@code UNAVAILABLE}: "could not check", never a 500. Keyguard's own stores throw only
     * {@code KeyguardException}; a host's may throw anything.
     */
    public static <T> T storeCall(Supplier<T> call, Consumer<RuntimeException> onForeign) {
        try {
            return call.get();
        } catch (KeyguardException e) {
            throw e;
        } catch (RuntimeException e) {
            onForeign.accept(e);
            throw KeyguardException.unavailable(e);
        }
    }

    /** {@link #storeCall} for a call without a result. */
    public static void storeRun(Runnable call, Consumer<RuntimeException> onForeign) {
        storeCall(
                () -> {
                    call.run();
                    return null;
                },
                onForeign);
    }
}
