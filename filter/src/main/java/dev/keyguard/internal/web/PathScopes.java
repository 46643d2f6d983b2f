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

    /** The scope the request needs, or {@code null} for none. */
    String required(HttpServletRequest request) {
        if (rules.isEmpty()) {
            return null;
        }
        // RESTEasy serves "post" as POST: a rule for a method must hold for every case of it.
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String path = PassThrough.pathInContext(request);
        for (PathRule rule : rules) {
            if (rule.matches(method, path)) {
                return rule.scope();
            }
        }
        return null;
    }
}
