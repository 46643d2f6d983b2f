package dev.keyguard.internal.key;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The shape of a key: a configurable prefix followed by 64 lowercase hex characters, of which the
 * first 56 are 28 bytes from {@link SecureRandom} (224 bits) and the last 8 the CRC-32 (IEEE 802.3,
 * as {@link java.util.zip.CRC32}) of the ASCII of everything before them, prefix included, in
 * lowercase hex. The checksum lets a forged or mistyped key be refused before it costs a hash, a
 * cache look-up or a query, and lets secret scanners recognise real keys offline; it adds no
 * secrecy (anyone can compute it). Immutable and thread-safe.
 */
public final class KeyFormat {

    public static final String DEFAULT_PREFIX = "ll_";

    /** Random bytes of a key: 224 bits, beyond any guessing. */
    static final int SECRET_BYTES = 28;

    /** Hex characters after the prefix: the random bytes, then the checksum. */
    static final int SECRET_HEX_LENGTH = 64;

    /** The CRC-32 at the end of the key, as 8 hex characters. */
    static final int CHECKSUM_HEX_LENGTH = 8;

    /** Hex characters of the secret shown after the prefix in {@link #displayPrefix(String)}. */
    static final int DISPLAY_HEX_LENGTH = 10;

    private static final Pattern VALID_PREFIX = Pattern.compile("[A-Za-z0-9_]{1,31}_");
    private static final HexFormat HEX = HexFormat.of();

    /** The key's bytes eight at a time, as longs (any offset: plain reads need no alignment). */
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

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

    /** A new random key, with its checksum. */
    public String generate(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return withChecksum(prefix + HEX.formatHex(secret));
    }

    /**
     * {@code body} followed by its checksum: for tests and tools that need a key no one minted.
     *
     * @param body the prefix and 56 hex characters
     */
    public static String withChecksum(String body) {
        byte[] ascii = body.getBytes(StandardCharsets.ISO_8859_1);
        return body + HEX.toHexDigits(crc32(ascii, ascii.length));
    }

    /**
     * Whether the last 8 hex characters of a {@link #isWellFormed well-formed} key are the CRC-32
     * of everything before them. It reads every character whatever it finds (no early exit), like
     * {@link #isWellFormed}.
     */
    public boolean hasValidChecksum(String wellFormedKey) {
        // A well-formed key is ASCII, so these bytes are a plain copy of the string's own.
        return hasValidChecksum(wellFormedKey.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** As {@link #hasValidChecksum(String)}, on the bytes {@link #wellFormedBytes} gave. */
    public boolean hasValidChecksum(byte[] wellFormedBytes) {
        int bodyLength = keyLength - CHECKSUM_HEX_LENGTH;
        int expected = crc32(wellFormedBytes, bodyLength);
        int found = 0;
        for (int i = bodyLength; i < keyLength; i++) {
            // A lowercase hex digit's value without a branch (a random key's digits would
            // mispredict one in two): '0'-'9' are 0x30-0x39, 'a'-'f' 0x61-0x66, bit 6 tells.
            int c = wellFormedBytes[i];
            found = (found << 4) | ((c & 0xF) + 9 * (c >> 6));
        }
        return found == expected;
    }

    /** CRC-32 (IEEE 802.3) of the first bytes, by the JDK's intrinsic. */
    private static int crc32(byte[] ascii, int length) {
        CRC32 crc = new CRC32();
        crc.update(ascii, 0, length);
        return (int) crc.getValue();
    }

    /**
     * The cheap check done before hashing: the right prefix, length and lowercase hex (the checksum
     * is {@link #hasValidChecksum}'s). It reads every character of a candidate of the right length,
     * so its time tells nothing about how much of a candidate matched.
     */
    public boolean isWellFormed(String candidate) {
        return wellFormedBytes(candidate) != null;
    }

    /**
     * The key's ASCII bytes if it is {@link #isWellFormed well-formed}, else {@code null}: the one
     * copy of a presented key that the checksum and the hash then read. The hex is checked on the
     * bytes, where a loop has no per-character decoding to do.
     */
    public byte[] wellFormedBytes(String candidate) {
        if (candidate == null || candidate.length() != keyLength || !candidate.startsWith(prefix)) {
            return null;
        }
        // Characters beyond Latin-1 become '?', which is not hex; those within it are one byte.
        byte[] bytes = candidate.getBytes(StandardCharsets.ISO_8859_1);
        boolean hex = true;
        for (int i = prefix.length(); i < keyLength; i += Long.BYTES) {
            hex &= eightHexDigits((long) LONGS.get(bytes, i));
        }
        return hex ? bytes : null;
    }

    /**
     * Whether all eight bytes of {@code word} are lowercase hex digits, in a dozen instructions
     * without a branch (where a loop over the bytes cost several times the key's checksum). Adding
     * {@code 0x80 - n} to a byte below {@code 0x80} sets its high bit exactly when it is at least
     * {@code n}, and carries nothing into the next byte (at most {@code 0x7f + 0x50}); a byte at or
     * above {@code 0x80} is not hex, and fails the word whatever its carry did to the others.
     */
    static boolean eightHexDigits(long word) {
        long atLeastZero = word + ONES * (0x80 - '0');
        long aboveNine = word + ONES * (0x80 - '9' - 1);
        long atLeastA = word + ONES * (0x80 - 'a');
        long aboveF = word + ONES * (0x80 - 'f' - 1);
        long hex = (atLeastZero & ~aboveNine) | (atLeastA & ~aboveF);
        return (hex & ~word & HIGH_BITS) == HIGH_BITS;
    }

    /** The prefix plus the first ten hex characters: safe to show and to log. */
    public String displayPrefix(String wellFormedKey) {
        return wellFormedKey.substring(0, prefix.length() + DISPLAY_HEX_LENGTH);
    }
}
