package dev.keyguard.bench.http;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket, optionally from a chosen local address
 * (the flooder uses 127.0.0.2, also loopback, so the server sees it as another client). Sends a
 * prepared request and reads the whole response; reconnects when the server closes. Minimal on
 * purpose: the client should cost far less CPU than the server it measures. Not thread-safe.
 */
final class RawHttpConnection implements Closeable {

    private static final int TIMEOUT_MS = 10_000;

    private final InetSocketAddress server;
    private final String localAddress;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[8192];
    private final byte[] skip = new byte[8192];

    RawHttpConnection(InetSocketAddress server, String localAddress) {
        this.server = server;
        this.localAddress = localAddress;
    }

    /** A GET request for {@code path} with {@code bearer} (may be null), ready to send. */
    static byte[] get(InetSocketAddress server, String path, String bearer) {
        return ("GET "
                        + path
                        + " HTTP/1.1\r\nHost: "
                        + server.getHostString()
                        + ":"
                        + server.getPort()
                        + "\r\n"
                        + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                        + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends the request and reads the response. @return the status code */
    int exchange(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        out.write(request);
        out.flush();
        int status = readStatus();
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        int n;
        while ((n = readLine()) > 0) {
            String header = new String(line, 0, n, StandardCharsets.US_ASCII);
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        if (chunked) {
            int size;
            while ((size = Integer.parseInt(lineAsString().split(";")[0].trim(), 16)) > 0) {
                skipBytes(size);
                readLine();
            }
            while (readLine() > 0) {
                // trailers
            }
        } else if (contentLength > 0) {
            skipBytes(contentLength);
        }
        if (close || contentLength < 0 && !chunked) {
            close();
        }
        return status;
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MS);
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(server, TIMEOUT_MS);
        in = new BufferedInputStream(socket.getInputStream(), 16384);
        out = socket.getOutputStream();
    }

    private int readStatus() throws IOException {
        int n = readLine();
        if (n < 12) {
            throw new IOException("bad status line");
        }
        return (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    }

    private String lineAsString() throws IOException {
        int n = readLine();
        return new String(line, 0, n, StandardCharsets.US_ASCII);
    }

    /** Reads one line into {@link #line} without its CRLF. @return its length */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n == line.length) {
                throw new IOException("line too long");
            }
            line[n++] = (byte) b;
        }
    }

    private void skipBytes(long count) throws IOException {
        long left = count;
        while (left > 0) {
            int read = in.read(skip, 0, (int) Math.min(skip.length, left));
            if (read < 0) {
                throw new EOFException("connection closed in a body");
            }
            left -= read;
        }
    }

    @Override
    public void close() {
        disconnect();
    }

    /** Drops the connection after a failure; the next exchange opens a new one. */
    void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }
}
