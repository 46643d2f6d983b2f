package dev.keyguard.demo;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.bridge.SLF4JBridgeHandler;

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
        if (DemoOptions.asksForHelp(Arrays.asList(args))) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        // Hibernate logs through SLF4J like everything else here (one format, all on stderr).
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        routeJavaUtilLoggingToSlf4j();
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
     * Sends what is logged through java.util.logging (Jersey, HK2) to SLF4J, so that it comes out
     * in the demo's one format on stderr instead of JUL's two-line default on the console.
     *
     * <p>The launcher does it, for the JVM it owns; the webapp does not. In a container, JUL's
     * configuration is the container's: Tomcat's JULI writes it to Tomcat's own logs, WildFly's log
     * manager takes it into the server's log and format. From inside the WAR, removing the root
     * logger's handlers could silence the server's own console and file logs (WildFly), and a
     * handler from {@code WEB-INF/lib} on a JVM-wide logger would take in other applications'
     * records too and pin this app's class loader unless removed on undeploy. So {@code
     * jul-to-slf4j} is in {@code WEB-INF/launcher} only (a provided dependency), and only {@code
     * java -jar} (and the tests that start {@code DemoMain}) install it, here.
     *
     * <p>JUL's levels stay as the JDK sets them (INFO at the root), so Jersey's checks for FINE and
     * below still stop in JUL before any record is made; slf4j-simple then applies the levels of
     * {@code simplelogger.properties}.
     */
    static void routeJavaUtilLoggingToSlf4j() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /**
     * On SIGTERM or Ctrl+C, stops the server (the filter writes the pending lastUsedAt times and
     * closes the embedded database) before the JVM's shutdown hooks run, then exits with 0.
     *
     * <p>{@code sun.misc.Signal} is reached by reflection: javac warns on every direct use of it,
     * whatever {@code @SuppressWarnings} says, and the build treats warnings as errors. Where the
     * class is missing, Jetty's stop-at-shutdown hook still stops the server.
     */
    private static void stopOnSignals(DemoServer server) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object stop =
                    Proxy.newProxyInstance(
                            handler.getClassLoader(),
                            new Class<?>[] {handler},
                            (proxy, method, args) -> {
                                if (method.getDeclaringClass() == Object.class) {
                                    return switch (method.getName()) {
                                        case "equals" -> proxy == args[0];
                                        case "hashCode" -> System.identityHashCode(proxy);
                                        default -> "stop the demo server";
                                    };
                                }
                                try {
                                    server.close();
                                } catch (RuntimeException e) {
                                    System.err.println("The demo did not stop cleanly: " + e);
                                }
                                System.exit(0);
                                return null;
                            });
            Method handle = signal.getMethod("handle", signal, handler);
            for (String name : new String[] {"TERM", "INT"}) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), stop);
            }
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            System.err.println("The demo stops through the JVM's shutdown hooks only: " + e);
        }
    }
}
