package dev.keyguard.internal.key;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque, URL-safe, non-sequential key ids: {@code key_} and 20 base64url characters (120 random
 * bits), so an id tells nothing about how many keys exist or when one was made.
 */
public final class KeyIds {

    public static final int MAX_LENGTH = 32;
    private static final int RANDOM_BYTES = 15;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private KeyIds() {}

    /**
     * Whether a key could have this id: 1 to {@link #MAX_LENGTH} characters of the base64url
     * alphabet and {@code _}, as {@link #next} makes them. Anything else (a {@code /}, a {@code \},
     * a NUL, which PostgreSQL refuses in a string) is no key's id, and is answered without asking
     * the store.
     */
    public static boolean isPossible(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '_'
                            || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public static String next(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return "key_" + ENCODER.encodeToString(bytes);
    }
}
