package dev.keyguard.demo;

import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;

/**
 * The webapp's security handler without the two constraints Jetty's {@code webdefault-ee10.xml}
 * adds for {@code TRACE} ("Disable TRACE" and "Enable everything but TRACE"): Jetty answers them
 * with a 403 without a body before any servlet runs. Here every servlet answers {@code TRACE}
 * itself, with 405 and the methods its path has: the Admin API in the contract's envelope, the
 * demo's own servlets through {@code GetOnlyServlet}. Neither echoes a request back.
 */
final class TraceToTheApp extends ConstraintSecurityHandler {

    private static final String TRACE = "TRACE";

    @Override
    protected void doStart() throws Exception {
        List<ConstraintMapping> kept =
                getConstraintMappings().stream().filter(m -> !aboutTrace(m)).toList();
        setConstraintMappings(kept);
        super.doStart();
    }

    private static boolean aboutTrace(ConstraintMapping mapping) {
        String[] omissions = mapping.getMethodOmissions();
        return TRACE.equalsIgnoreCase(mapping.getMethod())
                || (omissions != null && Arrays.asList(omissions).contains(TRACE));
    }
}
