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
     *     code points, or one with control characters, unpaired surrogates or invisible format
     *     characters ({@link #isHidden})
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
        if (name.codePoints().anyMatch(KeyNames::isHidden)) {
            throw KeyguardException.validation(
                    "name must not contain invisible formatting characters such as direction"
                            + " marks.");
        }
        return name;
    }

    /**
     * An invisible format character (Unicode category Cf) that can make a name look like another
     * one: the bidirectional controls (U+202A to U+202E, U+2066 to U+2069, the marks U+200E,
     * U+200F, U+061C), which reorder what a person reads, zero-width spaces, soft hyphens, byte
     * order marks. The zero-width joiner (U+200D) and the tag characters (U+E0020 to U+E007F) are
     * allowed: emoji are built with them (a family, a regional flag), and they cannot reorder text.
     */
    static boolean isHidden(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT
                && codePoint != 0x200D
                && !(codePoint >= 0xE0020 && codePoint <= 0xE007F);
    }
}
