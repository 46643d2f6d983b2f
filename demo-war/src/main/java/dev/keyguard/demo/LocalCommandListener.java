package dev.keyguard.demo;

import dev.keyguard.ApiKeyFilter;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import jakarta.servlet.ServletContextAttributeEvent;
import jakarta.servlet.ServletContextAttributeListener;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets {@code create-key} mint keys while this app has the embedded database open, through a {@link
 * LocalCommandSocket} in the data directory. It starts when the Keyguard filter publishes its
 * Keyguard in the servlet context (whenever the container initialises the filter), and stops when
 * the Keyguard goes or the app stops. On a database server it does nothing: {@code create-key} goes
 * there directly.
 */
public final class LocalCommandListener
        implements ServletContextListener, ServletContextAttributeListener {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCommandListener.class);

    private LocalCommandSocket socket;

    @Override
    public synchronized void attributeAdded(ServletContextAttributeEvent event) {
        if (!event.getName().equals(ApiKeyFilter.CONTEXT_ATTRIBUTE)
                || !(event.getValue() instanceof Keyguard keyguard)
                || socket != null) {
            return;
        }
        KeyguardConfig config = keyguard.config();
        if (!embedded(config)) {
            return;
        }
        try {
            socket =
                    LocalCommandSocket.serve(
                            config.dataDir(),
                            (arguments, out, err) -> run(keyguard, arguments, out, err));
            LOG.info("create-key --data-dir {} asks this app while it runs", config.dataDir());
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn(
                    "create-key cannot reach this app while it runs (stop it to mint keys): {}",
                    e.toString());
        }
    }

    @Override
    public void attributeRemoved(ServletContextAttributeEvent event) {
        if (event.getName().equals(ApiKeyFilter.CONTEXT_ATTRIBUTE)) {
            stop();
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        stop();
    }

    private synchronized void stop() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    /** Whether Keyguard runs on its embedded database, which no other process may open. */
    private static boolean embedded(KeyguardConfig config) {
        return config.store() == null
                && config.dataSource() == null
                && config.jndiName() == null
                && config.jdbcUrl() == null
                && config.dataDir() != null;
    }

    private static int run(
            Keyguard keyguard, List<String> arguments, PrintStream out, PrintStream err) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(arguments);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (!options.command().equals("create-key")) {
            err.println("This app runs create-key only");
            return 2;
        }
        return CreateKeyCommand.create(keyguard, options, out, err);
    }
}
