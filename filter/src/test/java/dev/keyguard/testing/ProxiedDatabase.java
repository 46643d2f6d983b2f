package dev.keyguard.testing;

import dev.keyguard.KeyguardConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.h2.tools.Server;

/**
 * A database reached through a {@link TcpProxy}: H2 served over TCP by this JVM (always), or the
 * PostgreSQL / MariaDB of {@link TestDatabase} (skipped with the reason when not configured).
 * Keyguard connects through the proxy; {@link #direct()} connects around it, for checks.
 */
public final class ProxiedDatabase implements AutoCloseable {

    private final String name;
    private final String directUrl;
    private final String proxiedUrl;
    private final String user;
    private final String password;
    private final TcpProxy proxy;
    private final Server h2Server;

    private ProxiedDatabase(
            String name,
            String directUrl,
            String proxiedUrl,
            String user,
            String password,
            TcpProxy proxy,
            Server h2Server) {
        this.name = name;
        this.directUrl = directUrl;
        this.proxiedUrl = proxiedUrl;
        this.user = user;
        this.password = password;
        this.proxy = proxy;
        this.h2Server = h2Server;
    }

    /**
     * @param name H2, PostgreSQL or MariaDB
     */
    public static ProxiedDatabase start(String name) {
        if (name.equals("H2")) {
            return startH2();
        }
        TestDatabase database = TestDatabase.named(name);
        URI uri = URI.create(database.url().substring("jdbc:".length()));
        TcpProxy proxy = TcpProxy.start(uri.getHost(), uri.getPort());
        String proxied =
                database.url()
                        .replace(
                                "//" + uri.getHost() + ":" + uri.getPort() + "/",
                                "//127.0.0.1:" + proxy.port() + "/");
        return new ProxiedDatabase(
                name, database.url(), proxied, database.user(), database.password(), proxy, null);
    }

    private static ProxiedDatabase startH2() {
        System.setProperty("h2.bindAddress", "127.0.0.1");
        try {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Server server =
                    Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists")
                            .start();
            TcpProxy proxy = TcpProxy.start("127.0.0.1", server.getPort());
            String path = "mem:faults-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            return new ProxiedDatabase(
                    "H2",
                    "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/" + path,
                    "jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/" + path,
                    "sa",
                    "",
                    proxy,
                    server);
        } catch (Exception e) {
            throw new IllegalStateException("H2 TCP server did not start", e);
        }
    }

    public String name() {
        return name;
    }

    /** The JDBC URL through the proxy, for a host that is given a URL (the demo's --db-url). */
    public String proxiedUrl() {
        return proxiedUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public TcpProxy proxy() {
        return proxy;
    }

    /** A config on the proxied URL; Keyguard makes its own pool, as with keyguard.jdbc.url. */
    public KeyguardConfig.Builder config() {
        return KeyguardConfig.builder().jdbc(proxiedUrl, user, password).poolSize(4);
    }

    /** A connection around the proxy. */
    public Connection direct() throws SQLException {
        return DriverManager.getConnection(directUrl, user, password);
    }

    @Override
    public void close() {
        proxy.close();
        if (h2Server != null) {
            h2Server.stop();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
