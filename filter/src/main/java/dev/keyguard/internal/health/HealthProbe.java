package dev.keyguard.internal.health;

import dev.keyguard.internal.failure.Failures;
import dev.keyguard.internal.store.SchemaMigrator;
import dev.keyguard.spi.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * One round trip to Keyguard's database (or the host's store) for the health check, answered within
 * a bound whatever the database does. Thread-safe.
 *
 * <p>Design note. A probe runs every few seconds from a container or Kubernetes, often with a 1 s
 * time-out of its own, and a database that is gone can hold a connection attempt for the pool's
 * whole connection time-out. So the round trip runs on a short-lived daemon thread and the caller
 * waits at most {@code wait}: a late answer is "not reachable". At most one round trip is in
 * flight: callers that come while one runs wait for that one, so a hanging database cannot pile up
 * threads.
 */
public final class HealthProbe {

    /**
     * @param reachable the round trip succeeded
     * @param schemaVersion Keyguard's schema version, or {@code null} if unknown
     * @param failure what went wrong, without secrets, or {@code null}
     */
    public record Result(boolean reachable, String schemaVersion, String failure) {}

    private final Callable<Result> roundTrip;
    private final String threadName;
    private final long waitNanos;
    private final AtomicReference<CompletableFuture<Result>> inFlight = new AtomicReference<>();

    private HealthProbe(Callable<Result> roundTrip, String threadName, Duration wait) {
        this.roundTrip = roundTrip;
        this.threadName = threadName;
        this.waitNanos = wait.toNanos();
    }

    /** Asks the database for a valid connection, then for Keyguard's schema version. */
    public static HealthProbe of(DataSource dataSource, String threadName, Duration wait) {
        int seconds = (int) Math.max(1, wait.toSeconds());
        return new HealthProbe(() -> database(dataSource, seconds), threadName, wait);
    }

    /** Asks a store given in code for the bounds of its event log: what it can say. */
    public static HealthProbe of(KeyStore store, String threadName, Duration wait) {
        return new HealthProbe(
                () -> {
                    store.bounds();
                    return new Result(true, null, null);
                },
                threadName,
                wait);
    }

    /** Probes (or joins the probe in flight); never throws. */
    public Result probe() {
        CompletableFuture<Result> running = inFlight.get();
        if (running == null || running.isDone()) {
            CompletableFuture<Result> fresh = new CompletableFuture<>();
            if (inFlight.compareAndSet(running, fresh)) {
                start(fresh);
                running = fresh;
            } else {
                running = inFlight.get();
            }
        }
        try {
            return running.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new Result(false, null, "no answer within " + waitNanos / 1_000_000 + " ms");
        } catch (ExecutionException e) {
            return new Result(false, null, Failures.describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, null, "interrupted");
        }
    }

    private void start(CompletableFuture<Result> result) {
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                result.complete(roundTrip.call());
                            } catch (Exception | Error e) {
                                result.completeExceptionally(e);
                            }
                        },
                        threadName);
        thread.setDaemon(true);
        thread.start();
    }

    static String schemaVersionQuery(String quote) {
        String q = quote == null || quote.isBlank() ? "" : quote.strip();
        return "SELECT "
                + q
                + "version"
                + q
                + " FROM "
                + q
                + SchemaMigrator.HISTORY_TABLE
                + q
                + " WHERE "
                + q
                + "success"
                + q
                + " = TRUE AND "
                + q
                + "version"
                + q
                + " IS NOT NULL ORDER BY "
                + q
                + "installed_rank"
                + q
                + " DESC";
    }

    private static Result database(DataSource dataSource, int timeoutSeconds) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(timeoutSeconds)) {
                return new Result(false, null, "the database gave a connection that is not valid");
            }
            return new Result(true, schemaVersion(connection, timeoutSeconds), null);
        }
    }

    /**
     * The last successful migration's version, or {@code null} if there is no record of one. Flyway
     * makes its table and columns in lower case, quoted where the database would fold them (H2).
     */
    private static String schemaVersion(Connection connection, int timeoutSeconds) {
        try (PreparedStatement statement =
                connection.prepareStatement(
                        schemaVersionQuery(connection.getMetaData().getIdentifierQuoteString()))) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setMaxRows(1);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            return null; // the host migrates Keyguard's schema itself, or under another table
        }
    }
}
