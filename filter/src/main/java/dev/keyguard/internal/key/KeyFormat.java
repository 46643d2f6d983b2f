package dev.keyguard.internal.key;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The shape of a key: a configurable prefix followed by 64 lowercase hex characters (32 bytes from
 * {@link SecureRandom}). Immutable and thread-safe.
 */
public final class KeyFormat {

    public static final String DEFAULT_PREFIX = "ll_";
    static final int SECRET_BYTES = 32;
    static final int SECRET_HEX_LENGTH = 2 * SECRET_BYTES;

    /** Hex characters of the secret shown after the prefix in {@link #displayPrefix(String)}. */
    static final int DISPLAY_HEX_LENGTH = 10;

    private static final Pattern VALID_PREFIX = Pattern.compile("[A-Za-z0-9_]{1,31}_");
    private static final HexFormat HEX = HexFormat.of();

    private final String prefix;
    private final int keyLength;

    private KeyFormat(String prefix) {
        this.prefix = prefix;
        this.keyLength = prefix.length() + SECRET_HEX_LENGTH;
    }

    /**
     * @param prefix letters, digits and {@code _}, ending in {@code _}, 2 to 32 characters
     * @throws IllegalArgumentException naming the bad prefix
     */
    public static KeyFormat withPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!VALID_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "Invalid key prefix '"
                            + prefix
                            + "': use 2 to 32 letters, digits or '_', ending in '_' (e.g. '"
                            + DEFAULT_PREFIX
                            + "')");
        }
        return new KeyFormat(prefix);
    }

    /** Letters, digits and {@code _}, ending in {@code _}, 2 to 32 characters. */
    public static boolean isValidPrefix(String prefix) {
        return prefix != null && VALID_PREFIX.matcher(prefix).matches();
    }

    public static KeyFormat defaultFormat() {
        return new KeyFormat(DEFAULT_PREFIX);
    }

    public String prefix() {
        return prefix;
    }

    /** A new random key. */
    public String generate(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return prefix + HEX.formatHex(secret);
    }

    /**
     * The cheap check done before hashing: the right prefix, length and lowercase hex. It reads
     * every character of a candidate of the right length, so its time tells nothing about how much
     * of a candidate matched.
     */
    public boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.length() != keyLength || !candidate.startsWith(prefix)) {
            return false;
        }
        boolean hex = true;
        for (int i = prefix.length(); i < keyLength; i++) {
            char c = candidate.charAt(i);
            hex &= (c >= '0' && c <= '9') | (c >= 'a' && c <= 'f');
        }
        return hex;
    }

    /** The prefix plus the first ten hex characters: safe to show and to log. */
    public String displayPrefix(String wellFormedKey) {
        return wellFormedKey.substring(0, prefix.length() + DISPLAY_HEX_LENGTH);
    }
}
