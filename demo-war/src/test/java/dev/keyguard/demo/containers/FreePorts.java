package dev.keyguard.demo.containers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/** Ports on 127.0.0.1 that nothing listens on at the moment of asking. */
final class FreePorts {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int EPHEMERAL_START = 32_768;

    private FreePorts() {}

    /** A port the system gives out for port 0: free, and not reused at once. */
    static int any() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    /**
     * An offset at which every one of {@code basePorts} is free (WildFly's port offset). The ports
     * stay below 32768, where Linux hands out no ephemeral ports for outgoing connections that
     * could take one before the server binds it.
     */
    static int offsetFor(int... basePorts) {
        int highest = IntStream.of(basePorts).max().orElseThrow();
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(1_000, EPHEMERAL_START - highest);
            if (IntStream.of(basePorts).allMatch(port -> isFree(port + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException(
                "No port offset with all of these free: " + Arrays.toString(basePorts));
    }

    private static boolean isFree(int port) {
        try {
            new ServerSocket(port, 1, LOOPBACK).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
