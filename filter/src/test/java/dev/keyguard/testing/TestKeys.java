package dev.keyguard.testing;

import dev.keyguard.internal.key.KeyFormat;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keys no one minted, for tests, benchmarks and the hostile-input suite. {@link #unminted()} is
 * what a plausible key looks like (right prefix, length, hex and checksum) and must be looked up to
 * be refused; {@link #badChecksum()} is a forgery that is refused before the cache and the store.
 */
public final class TestKeys {

    private TestKeys() {}

    /** A well-formed key with a valid checksum that no one minted, under the default prefix. */
    public static String unminted() {
        return unminted(KeyFormat.DEFAULT_PREFIX);
    }

    /** As {@link #unminted()}, under {@code prefix}. */
    public static String unminted(String prefix) {
        byte[] secret = new byte[28];
        ThreadLocalRandom.current().nextBytes(secret);
        return KeyFormat.withChecksum(prefix + HexFormat.of().formatHex(secret));
    }

    /** A fixed well-formed key with a valid checksum that no one minted (the same each call). */
    public static String unmintedFixed() {
        return KeyFormat.withChecksum(
                KeyFormat.DEFAULT_PREFIX + "0123456789abcdef".repeat(3) + "01234567");
    }

    /** A well-formed key whose checksum is wrong: right prefix, length and hex. */
    public static String badChecksum() {
        String key = unminted();
        char last = key.charAt(key.length() - 1);
        return key.substring(0, key.length() - 1) + (last == '0' ? '1' : '0');
    }
}
