package dev.keyguard.admin.internal.resource;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code Allow} header of each path of {@link ApiKeysResource}, read from its JAX-RS
 * annotations, so that it cannot drift from them: the methods of the path's resource methods, and
 * {@code HEAD} wherever there is {@code GET} (both runtimes answer it). Never {@code OPTIONS} or
 * {@code TRACE}: the Admin API answers both with 405 ({@link StrayMethodFilter}).
 *
 * <p>Design note: Jersey and RESTEasy each write their own {@code Allow} on a 405, in their own
 * order and spelling, and disagree on {@code /events} (RESTEasy adds the {@code DELETE} of {@code
 * {id}}). One table makes every 405 of the Admin API the same on every runtime.
 */
public final class AllowedMethods {

    /** The order methods are listed in. */
    private static final List<String> ORDER =
            List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.DELETE);

    /** Path template below {@link ApiKeysResource#PATH} ("" for the collection) to Allow. */
    private static final Map<String, String> BY_TEMPLATE = read();

    private AllowedMethods() {}

    /**
     * The {@code Allow} header of the request's path, or {@code null} when the path is not one of
     * the Admin API's.
     */
    public static String of(UriInfo uri) {
        return uri == null ? null : of(uri.getPath(false));
    }

    /**
     * @param path relative to the JAX-RS application's root, still percent-encoded, with or without
     *     a leading {@code /}
     */
    public static String of(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);
        }
        if (relative.equals(ApiKeysResource.PATH)) {
            return BY_TEMPLATE.get("");
        }
        if (!relative.startsWith(ApiKeysResource.PATH + "/")) {
            return null;
        }
        String[] segments = relative.substring(ApiKeysResource.PATH.length() + 1).split("/", -1);
        String best = null;
        for (String template : BY_TEMPLATE.keySet()) {
            if (matches(template, segments)
                    && (best == null || literals(template) > literals(best))) {
                best = template;
            }
        }
        return best == null ? null : BY_TEMPLATE.get(best);
    }

    /** Whether the template's segments match: a literal exactly, a {@code {param}} any segment. */
    private static boolean matches(String template, String[] segments) {
        String[] parts = template.isEmpty() ? new String[0] : template.split("/");
        if (parts.length != segments.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            boolean parameter = parts[i].startsWith("{");
            if (segments[i].isEmpty() || (!parameter && !parts[i].equals(segments[i]))) {
                return false;
            }
        }
        return true;
    }

    /** As JAX-RS prefers, the template with more literal characters wins ({@code events}). */
    private static int literals(String template) {
        return template.replaceAll("\\{[^}]*}", "").length();
    }

    private static Map<String, String> read() {
        Map<String, Set<String>> methods = new LinkedHashMap<>();
        for (Method method : ApiKeysResource.class.getMethods()) {
            String httpMethod =
                    Arrays.stream(method.getAnnotations())
                            .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                            .filter(Objects::nonNull)
                            .map(HttpMethod::value)
                            .findFirst()
                            .orElse(null);
            if (httpMethod == null) {
                continue;
            }
            Path path = method.getAnnotation(Path.class);
            Set<String> allowed =
                    methods.computeIfAbsent(
                            path == null ? "" : path.value(),
                            p -> new TreeSet<>(AllowedMethods::compare));
            allowed.add(httpMethod);
            if (httpMethod.equals(HttpMethod.GET)) {
                allowed.add(HttpMethod.HEAD);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        methods.forEach((template, allowed) -> headers.put(template, String.join(", ", allowed)));
        return Map.copyOf(headers);
    }

    private static int compare(String a, String b) {
        int order = Integer.compare(rank(a), rank(b));
        return order != 0 ? order : a.compareTo(b);
    }

    private static int rank(String method) {
        int index = ORDER.indexOf(method);
        return index < 0 ? ORDER.size() : index;
    }
}
