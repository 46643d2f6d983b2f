package dev.keyguard.internal.web;

import java.net.URI;

/** A servlet container running the test app at {@code /app}, filter on {@code /app/api/*}. */
interface Deployment {

    URI uri(String pathInContext);

    /** A servlet context attribute of the app. */
    Object contextAttribute(String name);

    /** Stops the container, which destroys the filter. */
    void stop() throws Exception;
}
