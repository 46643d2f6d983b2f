package dev.keyguard.internal.local;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The user at the other end of a Unix domain socket, where the JDK can tell ({@code SO_PEERCRED}:
 * Linux and macOS). A second check only: the data directory's permissions already keep other users
 * from reaching the socket.
 */
final class PeerUser {

    private PeerUser() {}

    /**
     * @return the peer's user name; empty where the platform or the server hides it
     */
    static Optional<String> of(SocketChannel channel) {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return Optional.of(peer.user().getName());
        } catch (UnsupportedOperationException | IOException | LinkageError e) {
            // jdk.net is not visible to this class loader (e.g. a WildFly module), or the
            // platform has no SO_PEERCRED.
            return Optional.empty();
        }
    }
}
