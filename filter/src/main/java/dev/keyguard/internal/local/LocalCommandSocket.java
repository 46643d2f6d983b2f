package dev.keyguard.internal.local;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the command line ({@code keyguard-cli.jar}, the demo's {@code create-key}) reaches a Keyguard
 * that has the embedded database open: the embedded H2 is never served to another process (no TCP
 * port, which any local user could reach), so that Keyguard listens on a Unix domain socket in the
 * data directory, whose {@code rwx------} keeps every other user out; it also checks that the peer
 * is its own user ({@link PeerUser}). A request is the command line; the answer is the exit code,
 * then what the command printed on stdout and on stderr.
 *
 * <p>One connection at a time, on one daemon thread: only the process's own user can connect. Each
 * string is its length and its UTF-8 bytes, bounded both ways ({@link #MAX_REQUEST_STRING}, {@link
 * #MAX_ANSWER_STRING}). Closing the socket also closes a connection still being served, so a client
 * that connected and sent nothing cannot keep the thread (and the web app) alive.
 */
public final class LocalCommandSocket implements AutoCloseable {

    /** The socket's file in the data directory. */
    public static final String FILE_NAME = "keyguard.sock";

    /** Longest command line or answer accepted, in strings. */
    private static final int MAX_ARGUMENTS = 64;

    /** Longest word of a command line, in UTF-8 bytes: a name or an id is far shorter. */
    static final int MAX_REQUEST_STRING = 64 * 1024;

    /** Longest answer text, in UTF-8 bytes: the list of an organisation's keys fits many times. */
    static final int MAX_ANSWER_STRING = 16 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LocalCommandSocket.class);

    /** What the command answered. */
    public record Answer(int exitCode, String out, String err) {}

    private final Path path;
    private final ServerSocketChannel server;
    private final Thread thread;

    /** The connection being served, closed by {@link #close}. */
    private final AtomicReference<SocketChannel> serving = new AtomicReference<>();

    private LocalCommandSocket(
            Path path,
            ServerSocketChannel server,
            UserPrincipal self,
            CommandLine command,
            String threadName) {
        this.path = path;
        this.server = server;
        this.thread = new Thread(() -> acceptAll(self, command), threadName);
        this.thread.setDaemon(true);
    }

    /**
     * Listens in the data directory (which Keyguard made {@code rwx------}) and runs each command
     * line received with {@code command}.
     *
     * @param command runs a command line, printing on the two streams; returns the exit code
     */
    public static LocalCommandSocket serve(Path dataDir, String threadName, CommandLine command)
            throws IOException {
        Path path = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        removeIfStale(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        UserPrincipal self;
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            }
            self = Files.getOwner(path);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(path);
            throw e;
        }
        LocalCommandSocket socket = new LocalCommandSocket(path, server, self, command, threadName);
        socket.thread.start();
        return socket;
    }

    /** Runs a command line, printing on {@code out} and {@code err}. */
    @FunctionalInterface
    public interface CommandLine {
        int run(List<String> arguments, PrintStream out, PrintStream err);
    }

    /**
     * Sends a command line to the server listening in the data directory.
     *
     * @return its answer; empty if no server listens there
     */
    public static Optional<Answer> send(Path dataDir, List<String> arguments) throws IOException {
        for (String argument : arguments) {
            if (argument.getBytes(StandardCharsets.UTF_8).length > MAX_REQUEST_STRING) {
                throw new IOException(
                        "A word of the command line is longer than "
                                + MAX_REQUEST_STRING / 1024
                                + " KiB");
            }
        }
        if (arguments.size() > MAX_ARGUMENTS) {
            throw new IOException("More than " + MAX_ARGUMENTS + " words in the command line");
        }
        Path path = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            DataOutputStream request = new DataOutputStream(Channels.newOutputStream(channel));
            try {
                writeStrings(request, arguments);
                request.flush();
            } catch (IOException refused) {
                // A Keyguard that refuses this user answers without reading the request, and may
                // have closed before it was written: its answer is there to read all the same.
            }
            DataInputStream answer = new DataInputStream(Channels.newInputStream(channel));
            int exitCode = answer.readInt();
            List<String> printed = readStrings(answer, MAX_ANSWER_STRING);
            if (printed.size() != 2) {
                throw new IOException("Not an answer: " + printed.size() + " strings");
            }
            return Optional.of(new Answer(exitCode, printed.get(0), printed.get(1)));
        } catch (ConnectException e) {
            return Optional.empty(); // a socket file left by a server that is gone
        } catch (EOFException e) {
            throw new IOException(
                    "it closed the connection without answering (its log says why)", e);
        }
    }

    private void acceptAll(UserPrincipal self, CommandLine command) {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (AsynchronousCloseException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("Local commands: could not accept a connection: {}", e.toString());
                pause(); // e.g. too many open files: no busy loop
                continue;
            }
            serving.set(client);
            try (client) {
                if (server.isOpen()) {
                    answer(client, self, command);
                }
            } catch (AsynchronousCloseException closed) {
                return;
            } catch (IOException | RuntimeException | LinkageError e) {
                LOG.warn("A local command failed: {}", e.toString());
            } finally {
                serving.set(null);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(SocketChannel client, UserPrincipal self, CommandLine command)
            throws IOException {
        DataOutputStream answer = new DataOutputStream(Channels.newOutputStream(client));
        Optional<String> peer = PeerUser.of(client);
        if (peer.isPresent() && !peer.get().equals(self.getName())) {
            LOG.warn("Refused a local command from user {}", peer.get());
            answer.writeInt(1);
            writeStrings(
                    answer,
                    List.of("", "Only " + self.getName() + " may run commands on this Keyguard\n"));
            answer.flush();
            discardWhatArrived(client);
            return;
        }
        List<String> arguments =
                readStrings(
                        new DataInputStream(Channels.newInputStream(client)), MAX_REQUEST_STRING);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = command.run(arguments, outStream, errStream);
        }
        answer.writeInt(exitCode);
        writeStrings(
                answer,
                List.of(
                        out.toString(StandardCharsets.UTF_8),
                        err.toString(StandardCharsets.UTF_8)));
        answer.flush();
    }

    /**
     * Reads, without waiting, what a refused peer sent: on Linux, closing a Unix domain socket with
     * unread data resets the peer's end, which could lose the answer before the peer reads it.
     */
    private static void discardWhatArrived(SocketChannel client) throws IOException {
        client.configureBlocking(false);
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        for (int i = 0; i < 64 && client.read(buffer) > 0; i++) {
            buffer.clear();
        }
    }

    private static void writeStrings(DataOutputStream stream, List<String> strings)
            throws IOException {
        stream.writeInt(strings.size());
        for (String s : strings) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            stream.writeInt(bytes.length);
            stream.write(bytes);
        }
    }

    private static List<String> readStrings(DataInputStream stream, int maxBytes)
            throws IOException {
        int count = stream.readInt();
        if (count < 0 || count > MAX_ARGUMENTS) {
            throw new IOException("Not a command line: " + count + " strings");
        }
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = stream.readInt();
            if (length < 0 || length > maxBytes) {
                throw new IOException("A string of " + length + " bytes, more than " + maxBytes);
            }
            byte[] bytes = new byte[length];
            stream.readFully(bytes);
            strings.add(new String(bytes, StandardCharsets.UTF_8));
        }
        return strings;
    }

    /** Removes a socket file that no server answers on (left by a server that was killed). */
    private static void removeIfStale(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(path)).close();
        } catch (ConnectException stale) {
            Files.delete(path);
            return;
        }
        throw new IOException("Another Keyguard already listens on " + path);
    }

    /** Stops listening and removes the socket file. */
    @Override
    public void close() {
        try {
            server.close();
            SocketChannel client = serving.get();
            if (client != null) {
                client.close(); // a client that sent nothing must not keep the thread
            }
            thread.join(5_000);
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", path, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
