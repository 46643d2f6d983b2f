package dev.keyguard.internal.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

/**
 * Tells Keyguard's HikariCP pool to drop a connection that the driver itself calls dead.
 *
 * <p>Design note. HikariCP evicts a connection on SQLSTATE class 08 and a short list of vendor
 * codes. H2 over TCP reports a connection that lost its server as {@link
 * SQLNonTransientConnectionException} with its own states (90067 "connection broken", 90121
 * "database is already closed"), which HikariCP keeps: under steady traffic a connection returned
 * within HikariCP's 500 ms alive-bypass window is handed out again without a check, so after a
 * network cut the pool failed every query for ever. The JDBC class is the driver's own statement
 * that the connection is unusable; anything else keeps HikariCP's rules.
 */
final class BrokenConnections implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (next instanceof SQLNonTransientConnectionException) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
