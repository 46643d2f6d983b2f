package dev.keyguard.testing;

import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * Base of a contract written once and run on every database or store by its subclasses: one {@link
 * Keyguard} on the subclass's {@link #database()} for the whole class. When that database is not
 * configured, every test of the class is skipped with the reason (so each skip shows in the
 * reports), and in CI, where the databases are required, {@link TestDatabase} fails instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class KeyguardOnDatabase {

    private TestDatabase database;
    private TestAbortedException skipped;
    private Keyguard keyguard;

    /** The database under test; may skip the class (no URL set) or fail it (unreachable). */
    protected abstract TestDatabase database();

    /** The class's settings on top of the database's; none by default. */
    protected KeyguardConfig.Builder configure(KeyguardConfig.Builder builder) {
        return builder;
    }

    @BeforeAll
    final void startKeyguard() {
        try {
            database = database();
        } catch (TestAbortedException e) {
            skipped = e;
            return;
        }
        keyguard = Keyguard.start(configure(database.config()).build());
    }

    @BeforeEach
    final void skipWithoutTheDatabase() {
        if (skipped != null) {
            throw skipped;
        }
    }

    @AfterAll
    final void stopKeyguard() {
        if (keyguard != null) {
            keyguard.close();
        }
    }

    /** The Keyguard started for this class. */
    protected final Keyguard keyguard() {
        return keyguard;
    }

    /** The database it runs on, for the test's own SQL and for other nodes. */
    protected final TestDatabase testDatabase() {
        return database;
    }
}
