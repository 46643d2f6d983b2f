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

    public static String next(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return "key_" + ENCODER.encodeToString(bytes);
    }
}
