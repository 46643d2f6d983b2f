package dev.keyguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * What Jersey and HK2 log through java.util.logging comes out of {@code DemoMain} in the demo's one
 * format (slf4j-simple's, on stderr), not in JUL's two-line default. {@link ExecutableWarTest}
 * holds the whole console of {@code java -jar} to that format.
 */
class DemoMainLoggingTest {

    @Test
    void javaUtilLoggingComesOutInTheDemosFormat() {
        Logger root = Logger.getLogger("");
        Handler[] rootHandlers = root.getHandlers();
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            DemoMain.routeJavaUtilLoggingToSlf4j();
            Logger.getLogger("org.glassfish.jersey.example").warning("said through JUL");
            Logger.getLogger("org.glassfish.jersey.example").fine("below JUL's level");
        } finally {
            System.setErr(stderr);
            SLF4JBridgeHandler.uninstall();
            for (Handler handler : rootHandlers) {
                root.addHandler(handler);
            }
        }

        assertThat(captured.toString(StandardCharsets.UTF_8).lines())
                .singleElement()
                .asString()
                .matches(ExecutableWarTest.LOG_LINE)
                .endsWith(" WARN org.glassfish.jersey.example - said through JUL");
    }
}
