package dev.keyguard;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a key may do: {@link #unrestricted()} (every scope, the default and what every key did
 * before restricted keys), or a set of scope names, possibly empty. A scope name matches {@code
 * [a-z0-9][a-z0-9:._-]{0,63}}; the host declares its own ({@link KeyguardConfig#SCOPES}), and
 * {@value #KEYS_MANAGE} is Keyguard's, for the admin API. Immutable; equal when they allow the
 * same.
 */
public final class Scopes {

    /** The scope the admin API needs: create, list, rotate and revoke the organisation's keys. */
    public static final String KEYS_MANAGE = "keys:manage";

    /** The most scopes one key may have. */
    public static final int MAX_SCOPES = 50;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9:._-]{0,63}");

    private static final Scopes UNRESTRICTED = new Scopes(null);

    /** The names, sorted; {@code null} when unrestricted. */
    private final List<String> names;

    /** The same names, for look-ups on the request path; {@code null} when unrestricted. */
    private final Set<String> lookup;

    private Scopes(List<String> names) {
        this.names = names;
        this.lookup = names == null ? null : Set.copyOf(names);
    }

    /** Every scope: what a key without restrictions has. */
    public static Scopes unrestricted() {
        return UNRESTRICTED;
    }

    /**
     * Exactly these scopes (duplicates count once; an empty collection is a key with no scope).
     *
     * @throws IllegalArgumentException naming the first name that is not a scope name, or when
     *     there are more than {@value #MAX_SCOPES}
     */
    public static Scopes of(Collection<String> names) {
        // Counted as given, duplicates included, as IpAllowlist counts its blocks.
        if (names.size() > MAX_SCOPES) {
            throw new IllegalArgumentException("a key has at most " + MAX_SCOPES + " scopes");
        }
        TreeSet<String> sorted = new TreeSet<>();
        int index = 0;
        for (String name : names) {
            // The value is not echoed: it may be anything a client pasted, a key included.
            if (!isScopeName(name)) {
                throw new IllegalArgumentException(
                        "scope "
                                + (index + 1)
                                + " is not a scope name: use 1 to 64 of a-z, 0-9 and : . _ -,"
                                + " starting with a letter or digit");
            }
            sorted.add(name);
            index++;
        }
        return new Scopes(List.copyOf(sorted));
    }

    /** As {@link #of(Collection)}. */
    public static Scopes of(String... names) {
        return of(List.of(names));
    }

    /** Whether {@code name} is a well-formed scope name. */
    public static boolean isScopeName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public boolean isUnrestricted() {
        return names == null;
    }

    /**
     * Whether a key with these scopes has {@code scope}: always, when unrestricted; never for
     * {@code null}.
     */
    public boolean includes(String scope) {
        return scope != null && (lookup == null || lookup.contains(scope));
    }

    /** Whether every scope of {@code other} is one of these: nothing more is granted by it. */
    public boolean covers(Scopes other) {
        if (names == null) {
            return true;
        }
        return other.names != null && lookup.containsAll(other.names);
    }

    /**
     * The scope names, sorted.
     *
     * @throws IllegalStateException when unrestricted: there is no list of every scope
     */
    public List<String> names() {
        if (names == null) {
            throw new IllegalStateException("unrestricted: every scope");
        }
        return names;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scopes that && Objects.equals(names, that.names);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(names);
    }

    /** {@code Scopes[*]} when unrestricted, else {@code Scopes[a, b]}. */
    @Override
    public String toString() {
        return names == null ? "Scopes[*]" : "Scopes" + names;
    }
}
