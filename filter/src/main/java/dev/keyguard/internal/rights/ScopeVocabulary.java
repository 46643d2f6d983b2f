package dev.keyguard.internal.rights;

import dev.keyguard.KeyguardException;
import dev.keyguard.Scopes;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scope names a deployment knows: those the host declares ({@code keyguard.scopes}) and
 * Keyguard's own {@value Scopes#KEYS_MANAGE}. A key may only be given these; {@code isUserInRole}
 * is true only for these. Immutable.
 */
public final class ScopeVocabulary {

    private final Set<String> names;
    private final List<String> sorted;
    private final String listed;

    public ScopeVocabulary(Collection<String> declared) {
        TreeSet<String> all = new TreeSet<>(declared);
        all.add(Scopes.KEYS_MANAGE);
        this.names = Set.copyOf(all);
        this.sorted = List.copyOf(all);
        this.listed = String.join(", ", all);
    }

    /** Every scope name it knows, sorted: the roles of an unrestricted key. */
    public List<String> names() {
        return sorted;
    }

    public boolean contains(String scope) {
        return scope != null && names.contains(scope);
    }

    /**
     * @throws KeyguardException {@code VALIDATION_ERROR} when a scope is not declared; the message
     *     lists the declared ones but not the one sent: a well-formed scope name may be a key's 64
     *     hex digits pasted without its prefix
     */
    public void check(Scopes scopes) {
        if (scopes.isUnrestricted()) {
            return;
        }
        for (String scope : scopes.names()) {
            if (!names.contains(scope)) {
                throw KeyguardException.validation(
                        // Not the name sent: a key's 64 hex digits are a valid scope name.
                        "A scope is not one of this app's scopes: " + listed + ".");
            }
        }
    }
}
