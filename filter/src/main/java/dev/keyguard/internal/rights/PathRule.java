package dev.keyguard.internal.rights;

import dev.keyguard.Scopes;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule of {@code keyguard.path-scopes}: {@code [METHODS] PATTERN SCOPE}. Methods are joined by
 * {@code |} ({@code GET|POST}), or {@code *} or nothing for any; a rule for {@code GET} holds for
 * {@code HEAD} too, as containers run the GET handler for it; the pattern is a servlet URL pattern
 * relative to the context path ({@code /leads}, {@code /leads/*}, {@code *.do}, {@code /*}); the
 * scope is a scope name. Immutable.
 *
 * @param methods {@code null} for any method
 * @param kind how the path is compared
 * @param path the exact path, the folder (without {@code /*}) or the extension (with its dot)
 * @param scope the scope a matching request needs
 */
public record PathRule(Set<String> methods, Kind kind, String path, String scope) {

    private static final Pattern METHODS = Pattern.compile("\\*|[A-Z]+(\\|[A-Z]+)*");
    private static final String PATTERN_ADVICE =
            "the pattern is a servlet URL pattern: /exact, /folder/*, *.ext or /*";

    /** How a rule's pattern compares paths. */
    public enum Kind {
        EXACT,
        FOLDER,
        EXTENSION,
        EVERYTHING
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the rule
     */
    public static PathRule parse(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException(
                    "a rule is [METHODS] PATTERN SCOPE, e.g. 'GET|HEAD /leads/* leads:read'");
        }
        String methods = parts.length == 3 ? parts[0] : "*";
        String pattern = parts[parts.length - 2];
        String scope = parts[parts.length - 1];
        if (!METHODS.matcher(methods).matches()) {
            throw new IllegalArgumentException(
                    "methods are upper case and joined by |, e.g. GET|HEAD, or *");
        }
        if (!Scopes.isScopeName(scope)) {
            throw new IllegalArgumentException(
                    "a rule ends in a scope name: 1 to 64 of a-z, 0-9 and : . _ -");
        }
        Set<String> methodSet =
                methods.equals("*") ? null : Set.of(methods.toUpperCase(Locale.ROOT).split("\\|"));
        // "/" is the default servlet's mapping, every path: a host copying its mapping means that.
        if (pattern.equals("/*") || pattern.equals("/")) {
            return new PathRule(methodSet, Kind.EVERYTHING, "", scope);
        }
        if (pattern.startsWith("*.")) {
            if (pattern.length() == 2 || pattern.indexOf('/') >= 0 || pattern.indexOf('*', 1) > 0) {
                throw new IllegalArgumentException(PATTERN_ADVICE);
            }
            return new PathRule(methodSet, Kind.EXTENSION, pattern.substring(1), scope);
        }
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException(PATTERN_ADVICE);
        }
        int star = pattern.indexOf('*');
        if (star < 0) {
            return new PathRule(methodSet, Kind.EXACT, pattern, scope);
        }
        if (star != pattern.length() - 1 || !pattern.endsWith("/*")) {
            throw new IllegalArgumentException(PATTERN_ADVICE);
        }
        return new PathRule(
                methodSet, Kind.FOLDER, pattern.substring(0, pattern.length() - 2), scope);
    }

    /**
     * @param method the request's method
     * @param requestPath the path in the context, as the container decoded and normalised it
     */
    public boolean matches(String method, String requestPath) {
        if (methods != null
                && !methods.contains(method)
                // A container answers HEAD with the GET handler: a rule for GET must hold for it.
                && !(method.equals("HEAD") && methods.contains("GET"))) {
            return false;
        }
        return switch (kind) {
            case EVERYTHING -> true;
            case EXACT -> requestPath.equals(path) || isWithTrailingSlashes(requestPath);
            case FOLDER ->
                    requestPath.startsWith(path)
                            && (requestPath.length() == path.length()
                                    || requestPath.charAt(path.length()) == '/');
            case EXTENSION ->
                    requestPath.endsWith(path)
                            && requestPath.lastIndexOf('/') < requestPath.length() - path.length();
        };
    }

    /**
     * {@code /leads/} for the exact pattern {@code /leads}: JAX-RS runtimes (Jersey, RESTEasy)
     * serve {@code @Path("leads")} at both, so an exact rule must hold for both.
     */
    private boolean isWithTrailingSlashes(String requestPath) {
        if (requestPath.length() == path.length() || !requestPath.startsWith(path)) {
            return false;
        }
        for (int i = path.length(); i < requestPath.length(); i++) {
            if (requestPath.charAt(i) != '/') {
                return false;
            }
        }
        return true;
    }
}
