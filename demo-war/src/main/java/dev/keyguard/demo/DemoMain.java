package dev.keyguard.demo;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The demo's command line: {@code serve} starts the server, {@code create-key} mints a key and
 * prints it alone on stdout (messages go to stderr). Only parses arguments and reports; the work is
 * in {@link DemoServer} and {@link CreateKeyCommand}. It names no Keyguard class itself: the
 * launcher runs the server without Keyguard on its class path (Keyguard runs inside the webapp).
 */
public final class DemoMain {

    static final String DEV_WEBAPP_DIR = "src/main/webapp";

    private DemoMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        // Hibernate logs through SLF4J like everything else here (one format, all on stderr).
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        DemoOptions options;
        try {
            options = DemoOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.command().equals("create-key")) {
            System.exit(CreateKeyCommand.run(options, System.out, System.err));
        }
        Path webapp = Path.of(System.getProperty("keyguard.demo.webapp-dir", DEV_WEBAPP_DIR));
        DemoServer server = DemoServer.create(options, webapp);
        URI uri;
        try {
            uri = server.start();
        } catch (Exception e) {
            System.err.println("The demo could not start: " + e.getMessage());
            server.close();
            System.exit(1);
            return;
        }
        stopOnSignals(server);
        System.out.println("Keyguard demo listening on " + uri + " (stop with Ctrl+C)");
        server.join();
    }

    /**
     * On SIGTERM or Ctrl+C, stops the server (the filter writes the pending lastUsedAt times)
     * before the JVM's shutdown hooks run. A shutdown hook would be too late: the embedded H2
     * database closes itself in a shutdown hook of its own, which may run first.
     */
    @SuppressWarnings("sunapi")
    private static void stopOnSignals(DemoServer server) {
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(
                    new sun.misc.Signal(name),
                    signal -> {
                        try {
                            server.close();
                        } catch (Exception e) {
                            System.err.println("The demo did not stop cleanly: " + e);
                        }
                        System.exit(0);
                    });
        }
    }
}
