package dev.keyguard.internal.web;

import dev.keyguard.internal.rights.PathRule;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;

/**
 * The scope each request needs, from the rules the host writes ({@code keyguard.path-scopes}) for
 * apps that guard their endpoints with neither {@code web.xml} constraints nor
 * {@code @RolesAllowed}. The first rule that matches decides; a request no rule matches needs no
 * scope. Without rules the path is not even computed. Immutable.
 */
final class PathScopes {

    private final List<PathRule> rules;

    PathScopes(List<String> rules) {
        this.rules = rules.stream().map(PathRule::parse).toList();
    }

    /**
     * The scopes the request needs, none when no rule matches. A rule is looked up for the path as
     * the container normalised it and for the path as sent (which a JAX-RS runtime routes on):
     * {@code /files/a/../../leads} is {@code /leads} to the container but {@code files/{rest}} to
     * Jersey, so it needs the scopes of both.
     */
    List<String> required(HttpServletRequest request) {
        if (rules.isEmpty()) {
            return List.of();
        }
        // RESTEasy serves "post" as POST: a rule for a method must hold for every case of it.
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String normalised = PassThrough.pathInContext(request);
        String scope = scope(method, normalised);
        String literal = PassThrough.literal(request);
        String asSent =
                literal == null || literal.equals(normalised) ? null : scope(method, literal);
        if (asSent == null || asSent.equals(scope)) {
            return scope == null ? List.of() : List.of(scope);
        }
        return scope == null ? List.of(asSent) : List.of(scope, asSent);
    }

    private String scope(String method, String path) {
        for (PathRule rule : rules) {
            if (rule.matches(method, path)) {
                return rule.scope();
            }
        }
        return null;
    }
}
