package dev.keyguard.internal.key;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a key: as a {@link KeyDigest} for the verification cache, or as the 64 lowercase hex
 * characters the store keeps. Thread-safe.
 *
 * <p>Design note. Each thread keeps one {@link MessageDigest}: hashing is on every request, and a
 * clone per call (the digest's state arrays) cost as much as a third of the hashing itself. The
 * thread-local holds only JDK classes (created with {@link ThreadLocal#withInitial}), so a
 * container's pooled threads do not pin the webapp's class loader after an undeploy.
 */
public final class KeyHash {

    private static final ThreadLocal<MessageDigest> DIGESTS =
            ThreadLocal.withInitial(KeyHash::newDigest);

    private KeyHash() {}

    public static String sha256Hex(String key) {
        return sha256(key).hex();
    }

    static KeyDigest sha256(String key) {
        MessageDigest digest = DIGESTS.get();
        // digest() resets it for the next call, even on this thread after an exception.
        return KeyDigest.fromBytes(digest.digest(key.getBytes(StandardCharsets.UTF_8)), 0);
    }

    /**
     * The digest of a key given as its bytes (for a well-formed key, ASCII and UTF-8 are the same
     * bytes), written over the first 32 of them: the array is the caller's copy of the key, so
     * hashing it allocates nothing more, and the first part of the key's bytes does not outlive the
     * call.
     *
     * @param keyBytes at least {@value KeyDigest#BYTES} bytes; its first 32 are overwritten
     */
    static KeyDigest sha256Over(byte[] keyBytes) {
        MessageDigest digest = DIGESTS.get();
        digest.update(keyBytes);
        try {
            digest.digest(keyBytes, 0, KeyDigest.BYTES);
        } catch (DigestException e) {
            digest.reset();
            throw new IllegalStateException("A SHA-256 digest fits in 32 bytes", e);
        }
        return KeyDigest.fromBytes(keyBytes, 0);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
