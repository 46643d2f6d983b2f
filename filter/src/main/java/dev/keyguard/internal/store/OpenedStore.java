package dev.keyguard.internal.store;

import dev.keyguard.spi.KeyStore;
import java.sql.Connection;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * A store ready for use, with what came with it: the database (when Keyguard's Hibernate store runs
 * on one), how to open a connection to {@code LISTEN} on, and what to close at the end.
 *
 * @param store the store
 * @param dataSource the database the store runs on, or {@code null} for a store given in code
 * @param ownedPool the connection pool Keyguard made for it (a JDBC URL or the embedded database),
 *     or {@code null} when the database is the host's
 * @param listenConnection opens a dedicated PostgreSQL connection for LISTEN, or {@code null} to
 *     poll only
 * @param closer closes the store and the pool Keyguard made, nothing the host owns
 */
public record OpenedStore(
        KeyStore store,
        DataSource dataSource,
        DataSource ownedPool,
        Callable<Connection> listenConnection,
        AutoCloseable closer) {

    /** A store given in code: the host closes it. */
    public static OpenedStore given(KeyStore store) {
        return new OpenedStore(store, null, null, null, () -> {});
    }

    /** Closes what Keyguard opened; a failure is the caller's to log. */
    public void close() throws Exception {
        closer.close();
    }
}
