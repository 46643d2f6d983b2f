package dev.keyguard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 between Keyguard and its database, that a test can break the way
 * networks break. Blocking sockets, two pump threads per connection: small, and enough for a pool
 * of a few connections.
 *
 * <ul>
 *   <li>{@link #cut()}: every open connection is reset, new ones are accepted and reset at once (a
 *       database that went away, or a firewall that rejects).
 *   <li>{@link #blackhole()}: nothing is forwarded any more in either direction and new connections
 *       hang after the handshake (a partition: packets vanish, nobody says so).
 *   <li>{@link #delay(long)}: every chunk is forwarded after that many milliseconds.
 *   <li>{@link #restore()}: forwards again; connections that lived through a blackhole are reset
 *       first, as a stateful firewall or NAT that forgot them would.
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode {
        UP,
        CUT,
        BLACKHOLE
    }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger faults = new AtomicInteger();
    private volatile Mode mode = Mode.UP;
    private volatile long delayMillis;
    private volatile boolean closed;

    private TcpProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** Listens on a free port of 127.0.0.1 and forwards to {@code host:port}. */
    public static TcpProxy start(String host, int port) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(listener, new InetSocketAddress(host, port));
            Thread acceptor =
                    new Thread(proxy::acceptLoop, "tcp-proxy-accept-" + listener.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("proxy did not start", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Resets every connection and every new one until {@link #restore()}. */
    public void cut() {
        faults.incrementAndGet();
        mode = Mode.CUT;
        resetAll();
    }

    /** Forwards nothing and answers nothing until {@link #restore()}. */
    public void blackhole() {
        faults.incrementAndGet();
        mode = Mode.BLACKHOLE;
    }

    /** Forwards every chunk after {@code millis}; 0 for none. */
    public void delay(long millis) {
        if (millis > 0) {
            faults.incrementAndGet();
        }
        delayMillis = millis;
    }

    /** Back to normal forwarding, without delay. */
    public void restore() {
        Mode was = mode;
        delayMillis = 0;
        if (was == Mode.BLACKHOLE) {
            resetAll();
        }
        mode = Mode.UP;
    }

    /** Faults injected so far (cuts, blackholes, delays). */
    public int faultsInjected() {
        return faults.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (mode == Mode.CUT) {
                reset(client);
                continue;
            }
            open.add(client);
            if (mode == Mode.BLACKHOLE) {
                continue; // held open, never connected upstream; reset on restore
            }
            Socket server = new Socket();
            try {
                server.connect(target, 2_000);
            } catch (IOException e) {
                reset(client);
                open.remove(client);
                continue;
            }
            open.add(server);
            pump(client, server, "up");
            pump(server, client, "down");
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread =
                new Thread(
                        () -> {
                            byte[] buffer = new byte[16 * 1024];
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                int n;
                                while ((n = in.read(buffer)) >= 0) {
                                    long delay = delayMillis;
                                    if (delay > 0) {
                                        Thread.sleep(delay);
                                    }
                                    if (mode != Mode.UP) {
                                        continue; // cut: about to be reset; blackhole: the bytes
                                        // vanish
                                    }
                                    out.write(buffer, 0, n);
                                    out.flush();
                                }
                            } catch (IOException | InterruptedException e) {
                                // the connection ended or was reset
                            } finally {
                                reset(from);
                                reset(to);
                                open.remove(from);
                                open.remove(to);
                            }
                        },
                        "tcp-proxy-" + direction + "-" + from.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    private void resetAll() {
        for (Socket socket : open) {
            reset(socket);
        }
        open.clear();
    }

    /** Closes with SO_LINGER 0: the peer sees a reset, not an orderly end. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // ignore
        }
        resetAll();
    }
}
