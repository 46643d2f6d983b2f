package dev.keyguard.internal.key;

import dev.keyguard.KeyguardException;

/** The rules for a key's display name. */
public final class KeyNames {

    public static final String DEFAULT_NAME = "API Key";

    /** Counted in Unicode code points, so an emoji counts as one. */
    public static final int MAX_CODE_POINTS = 100;

    private KeyNames() {}

    /**
     * Trims the name and applies the default to a missing or blank one.
     *
     * @throws KeyguardException {@code VALIDATION_ERROR} for a name over {@value #MAX_CODE_POINTS}
     *     code points, or one with control characters or unpaired surrogates
     */
    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_NAME;
        }
        String name = raw.strip();
        if (name.codePointCount(0, name.length()) > MAX_CODE_POINTS) {
            throw KeyguardException.validation(
                    "name must be at most " + MAX_CODE_POINTS + " characters.");
        }
        boolean printable =
                name.codePoints()
                        .allMatch(
                                c ->
                                        !Character.isISOControl(c)
                                                && Character.getType(c) != Character.SURROGATE);
        if (!printable) {
            throw KeyguardException.validation("name must not contain control characters.");
        }
        return name;
    }
}
