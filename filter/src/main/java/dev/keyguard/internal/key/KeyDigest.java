package dev.keyguard.internal.key;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * The SHA-256 of a key as its 32 bytes, held in four longs: what the verification cache is keyed
 * by. Hashing and comparing it costs a few instructions, where the 64-character hex form costs a
 * formatting, a string hash and a string comparison on every request; {@link #hex()} gives the form
 * the store keeps, for a look-up that misses the cache. Immutable.
 *
 * <p>{@link #hashCode()} is the first four bytes of the digest. A client may choose keys whose
 * digests share those bits (it knows SHA-256 too), so the digest is {@link Comparable}: a hash
 * map's overfull bin turns into a tree searched in logarithmic time, as it would for strings.
 */
public final class KeyDigest implements Comparable<KeyDigest> {

    /** Length of a SHA-256 digest in bytes. */
    public static final int BYTES = 32;

    private static final HexFormat HEX = HexFormat.of();
    private static final VarHandle BIG_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final long first;
    private final long second;
    private final long third;
    private final long fourth;

    private KeyDigest(long first, long second, long third, long fourth) {
        this.first = first;
        this.second = second;
        this.third = third;
        this.fourth = fourth;
    }

    /** The digest of this key (SHA-256 of its UTF-8 bytes). */
    public static KeyDigest of(String key) {
        return KeyHash.sha256(key);
    }

    /**
     * The digest of a well-formed key's bytes ({@link KeyFormat#wellFormedBytes}), which it
     * overwrites: the hash of a presented key costs no copy beyond that one.
     */
    public static KeyDigest ofKeyBytes(byte[] keyBytes) {
        return KeyHash.sha256Over(keyBytes);
    }

    /** From the 32 bytes of a digest at {@code offset}, big-endian as SHA-256 writes them. */
    static KeyDigest fromBytes(byte[] digest, int offset) {
        if (digest.length - offset < BYTES) {
            throw new IllegalArgumentException("A SHA-256 digest has 32 bytes");
        }
        return new KeyDigest(
                (long) BIG_ENDIAN_LONGS.get(digest, offset),
                (long) BIG_ENDIAN_LONGS.get(digest, offset + 8),
                (long) BIG_ENDIAN_LONGS.get(digest, offset + 16),
                (long) BIG_ENDIAN_LONGS.get(digest, offset + 24));
    }

    /**
     * From the 64 hex characters the store keeps (either case).
     *
     * @throws IllegalArgumentException if {@code hex} is not 64 hex characters
     */
    public static KeyDigest fromHex(String hex) {
        if (hex.length() != 2 * BYTES) {
            throw new IllegalArgumentException("A SHA-256 digest is 64 hex characters");
        }
        return new KeyDigest(
                HexFormat.fromHexDigitsToLong(hex, 0, 16),
                HexFormat.fromHexDigitsToLong(hex, 16, 32),
                HexFormat.fromHexDigitsToLong(hex, 32, 48),
                HexFormat.fromHexDigitsToLong(hex, 48, 64));
    }

    /** Whether {@code candidate} is 64 hex characters, the form {@link #fromHex} takes. */
    public static boolean isHex(String candidate) {
        if (candidate == null || candidate.length() != 2 * BYTES) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            if (!HexFormat.isHexDigit(candidate.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The 64 lowercase hex characters, as the store keeps the hash. */
    public String hex() {
        return HEX.toHexDigits(first)
                + HEX.toHexDigits(second)
                + HEX.toHexDigits(third)
                + HEX.toHexDigits(fourth);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyDigest that
                && first == that.first
                && second == that.second
                && third == that.third
                && fourth == that.fourth;
    }

    @Override
    public int hashCode() {
        return (int) (first >>> 32);
    }

    @Override
    public int compareTo(KeyDigest other) {
        int order = Long.compareUnsigned(first, other.first);
        if (order == 0) {
            order = Long.compareUnsigned(second, other.second);
        }
        if (order == 0) {
            order = Long.compareUnsigned(third, other.third);
        }
        return order != 0 ? order : Long.compareUnsigned(fourth, other.fourth);
    }

    /** Shows nothing of the digest: like the key, its hash stays out of logs. */
    @Override
    public String toString() {
        return "KeyDigest[redacted]";
    }
}
