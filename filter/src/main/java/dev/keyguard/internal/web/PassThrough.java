package dev.keyguard.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests inside the filter's mapping that pass without a key: CORS preflights (when enabled) and
 * excluded paths. Paths are compared as the container decoded and normalised them (servlet path
 * plus path info), so {@code /public/../api} cannot slip past, and as the client sent them ({@link
 * #matchesAsSent}), so {@code /api/../public} cannot either where a JAX-RS runtime routes on the
 * raw path.
 */
final class PassThrough {

    private final boolean corsPreflight;
    private final List<String> exactPaths;

    /** The folders of the {@code /folder/*} patterns, each with its final {@code /}. */
    private final List<String> folderPaths;

    private final boolean everything;

    PassThrough(boolean corsPreflight, List<String> excludedPaths) {
        this.corsPreflight = corsPreflight;
        this.everything = excludedPaths.contains("/*");
        this.exactPaths = excludedPaths.stream().filter(p -> !p.endsWith("/*")).toList();
        this.folderPaths =
                excludedPaths.stream()
                        .filter(p -> p.endsWith("/*") && p.length() > 2)
                        .map(p -> p.substring(0, p.length() - 1))
                        .toList();
    }

    boolean everything() {
        return everything;
    }

    boolean matches(HttpServletRequest request) {
        if (corsPreflight && isPreflight(request)) {
            return true;
        }
        if (everything) {
            return true;
        }
        if (exactPaths.isEmpty() && folderPaths.isEmpty()) {
            return false;
        }
        return listed(pathInContext(request)) && matchesAsSent(request);
    }

    /**
     * Whether the path as the client sent it (the raw request URI, path parameters dropped and
     * percent-escapes decoded as a JAX-RS runtime does, but no dot-segment resolved) is listed too.
     * A runtime that shares its servlet with the host's own resources routes on that path: {@code
     * /files/a/../../api/v1/api-keys} is {@code /api/v1/api-keys} to the container but {@code
     * files/{rest: .+}} to Jersey. A path with a dot-segment, or that cannot be decoded, matches
     * nothing here.
     */
    private boolean matchesAsSent(HttpServletRequest request) {
        if (everything) {
            return true;
        }
        String path = asSent(request);
        return path != null && listed(path);
    }

    /** The raw path in the context, decoded; {@code null} when it has a dot-segment. */
    static String asSent(HttpServletRequest request) {
        String path = literal(request);
        if (path == null) {
            return null;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        return path;
    }

    /**
     * The raw path in the context as a JAX-RS runtime routes on it: path parameters dropped and
     * escapes decoded, dot-segments left as they are; {@code null} when it cannot be decoded.
     */
    static String literal(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (uri == null || context == null || !uri.startsWith(context)) {
            return null;
        }
        String raw = uri.substring(context.length());
        if (raw.indexOf(';') < 0 && raw.indexOf('%') < 0) {
            return raw; // nothing to drop or decode: the common case, on every guarded request
        }
        List<String> withoutParameters = new ArrayList<>();
        for (String segment : raw.split("/", -1)) {
            int parameters = segment.indexOf(';');
            withoutParameters.add(parameters < 0 ? segment : segment.substring(0, parameters));
        }
        String path;
        try {
            path =
                    URLDecoder.decode(
                            String.join("/", withoutParameters).replace("+", "%2B"),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return path;
    }

    private boolean listed(String path) {
        if (exactPaths.contains(path)) {
            return true;
        }
        for (String folder : folderPaths) {
            // folder ends in '/': the folder itself, or anything in it
            if (path.startsWith(folder)
                    || path.length() == folder.length() - 1 && folder.startsWith(path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod())
                && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null;
    }

    /** Servlet path plus path info; on every request, so it joins them only when both are there. */
    static String pathInContext(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        if (pathInfo == null) {
            return servletPath == null ? "" : servletPath;
        }
        return servletPath == null || servletPath.isEmpty() ? pathInfo : servletPath + pathInfo;
    }
}
