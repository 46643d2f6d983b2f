package dev.keyguard.internal.web;

import dev.keyguard.KeyguardConfig;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.function.Function;

/**
 * Where a filter declared in {@code web.xml} reads its parameters, first match wins: its own
 * init-param, the web app's context-param, the system property, the environment variable ({@link
 * KeyguardConfig#systemSource()}).
 */
public final class ServletParameters {

    private ServletParameters() {}

    public static Function<String, String> of(FilterConfig filterConfig) {
        ServletContext context = filterConfig.getServletContext();
        Function<String, String> system = KeyguardConfig.systemSource();
        return name -> {
            String value = filterConfig.getInitParameter(name);
            if (isBlank(value) && context != null) {
                value = context.getInitParameter(name);
            }
            return isBlank(value) ? system.apply(name) : value;
        };
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
