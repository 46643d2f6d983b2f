package dev.keyguard.admin.roles;

import jakarta.servlet.Filter;
import java.net.URI;
import java.util.Map;

/**
 * A servlet container on a free port of 127.0.0.1 running one app at the root: the Keyguard filter
 * on {@code /*}, then a JAX-RS runtime's servlet, made by the container from its class name and
 * init-params as {@code web.xml} would declare it.
 */
public interface ServletHost extends AutoCloseable {

    /** Starts a container with {@code filter} in front of the servlet. */
    @FunctionalInterface
    interface Starter {
        ServletHost start(Filter filter, String servletClass, Map<String, String> initParams)
                throws Exception;
    }

    URI base();

    @Override
    void close();
}
