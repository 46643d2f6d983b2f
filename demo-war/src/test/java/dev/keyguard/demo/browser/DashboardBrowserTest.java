package dev.keyguard.demo.browser;

import dev.keyguard.demo.DemoOptions;
import dev.keyguard.demo.DemoServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The dashboard scenario ({@link DashboardScenario}) in Chromium against the demo started by its
 * factory on port 0 in this JVM: the webapp's own web.xml, its login, the real filter, Jersey and
 * the embedded H2 database. The password and the flush interval are system properties, as an
 * operator may give them, set for the class and put back after it.
 */
class DashboardBrowserTest extends DashboardScenario {

    static final Map<String, String> PROPERTIES =
            Map.of(
                    "keyguard.demo.password", PASSWORD,
                    "keyguard.last-used.flush-interval", FLUSH_INTERVAL);

    private final Map<String, String> previous = new HashMap<>();
    private Path dataDir;
    private DemoServer server;

    @Override
    protected URI startDemo() throws Exception {
        PROPERTIES.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
        dataDir = Files.createTempDirectory("kg-dashboard-");
        server = DemoServer.create(DemoOptions.serve(0, dataDir), Path.of("src/main/webapp"));
        return server.start();
    }

    @Override
    protected void stopDemo() throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            previous.forEach(
                    (name, value) -> {
                        if (value == null) {
                            System.clearProperty(name);
                        } else {
                            System.setProperty(name, value);
                        }
                    });
            if (dataDir != null) {
                Browser.deleteTree(dataDir);
            }
        }
    }
}
