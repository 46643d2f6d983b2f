package dev.keyguard.internal.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's fast path: a dedicated connection that {@code LISTEN}s on {@value #CHANNEL}, to
 * which the log's insert trigger sends a notification when an event's transaction commits. The wait
 * returns as soon as one arrives, so the follower reads the log within milliseconds of the commit
 * instead of at the next interval. Polling stays the safety net: a lost connection only means
 * waiting the interval until it is back (retried every {@value #RETRY_SECONDS} s), and the read
 * after reconnecting catches up on whatever was notified meanwhile.
 *
 * <p>The driver only reports notifications from inside {@link PGConnection#getNotifications(int)},
 * which blocks; the wait is cut into slices of {@value #SLICE_MILLIS} ms so that closing never
 * waits longer than that.
 */
final class PostgresWakeup implements Wakeup {

    static final String CHANNEL = "keyguard_key_event";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresWakeup.class);
    private static final int SLICE_MILLIS = 200;
    private static final long RETRY_SECONDS = 5;

    /** A connection silent this long is checked, so a dead one is noticed. */
    private static final long CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Callable<Connection> connections;
    private final TimedWakeup timed = new TimedWakeup();
    private volatile boolean stopped;
    private Connection connection;
    private PGConnection listening;
    private long retryAt;
    private long heardAt;
    private boolean warned;

    /**
     * @param connections opens the listening connection; it is held until {@link #close}
     */
    PostgresWakeup(Callable<Connection> connections) {
        this.connections = connections;
        this.retryAt = System.nanoTime();
    }

    @Override
    public void await(long nanos) {
        long deadline = System.nanoTime() + nanos;
        if (listening == null && System.nanoTime() - retryAt >= 0 && listen()) {
            return; // (re)connected: whatever was notified meanwhile is read now
        }
        while (!stopped) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (listening == null) {
                timed.await(left);
                return;
            }
            if (receive((int) Math.min(SLICE_MILLIS, Math.max(1, left / 1_000_000)))) {
                return;
            }
        }
    }

    /**
     * @return whether a notification arrived
     */
    private boolean receive(int millis) {
        try {
            PGNotification[] notifications = listening.getNotifications(millis);
            long now = System.nanoTime();
            if (notifications != null && notifications.length > 0) {
                heardAt = now;
                return true;
            }
            if (now - heardAt > CHECK_AFTER_NANOS) {
                heardAt = now;
                if (!connection.isValid(2)) {
                    throw new SQLException("the listening connection is no longer valid");
                }
            }
            return false;
        } catch (SQLException e) {
            LOG.warn(
                    "Keyguard lost its LISTEN connection ({}); polling the key-event log until"
                            + " it is back",
                    e.getClass().getName());
            drop();
            return true; // read the log now: something may have been missed
        }
    }

    private boolean listen() {
        try {
            connection = connections.call();
            connection.setAutoCommit(true);
            listening = connection.unwrap(PGConnection.class);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
            heardAt = System.nanoTime();
            if (warned) {
                LOG.info("Keyguard listens for key events again");
                warned = false;
            }
            return true;
        } catch (Exception e) {
            if (!warned) {
                LOG.warn(
                        "Keyguard cannot LISTEN for key events ({}); polling the key-event log,"
                                + " retrying every {} s",
                        e.getClass().getName(),
                        RETRY_SECONDS);
                warned = true;
            }
            drop();
            return false;
        }
    }

    private void drop() {
        retryAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Keyguard: closing the LISTEN connection failed", e);
            }
        }
        connection = null;
        listening = null;
    }

    @Override
    public void stop() {
        stopped = true;
        timed.stop();
    }

    @Override
    public void close() {
        if (connection != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("UNLISTEN *");
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Keyguard: UNLISTEN failed", e);
            }
        }
        drop();
    }
}
