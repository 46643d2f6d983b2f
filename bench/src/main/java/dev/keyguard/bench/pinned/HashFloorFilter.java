package dev.keyguard.bench.pinned;

import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.KeyguardPrincipal;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The floor under any filter that keeps keys only as their SHA-256 (issue 18): {@link
 * MinimalFilter}'s work plus reading the {@code Authorization} header and hashing the key in it,
 * compared with the one hash it knows. No format check, no cache, no usage, no metrics: what
 * Keyguard adds beyond this is what its design costs; what this adds to the minimal filter no
 * hash-only design can avoid.
 */
public final class HashFloorFilter implements Filter {

    private static final KeyguardPrincipal CALLER =
            new KeyguardPrincipal(
                    "key_floor",
                    new KeyOwner("acme", new KeyUser("alice@acme.example", null, null, null)));

    private static final ThreadLocal<MessageDigest> SHA256 =
            ThreadLocal.withInitial(HashFloorFilter::sha256);

    private final byte[] knownHash;

    /** A filter that lets in the one key whose SHA-256 is that of {@code key}. */
    HashFloorFilter(String key) {
        this.knownHash = sha256().digest(key.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = ((HttpServletRequest) request).getHeader("Authorization");
        if (header == null
                || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || !MessageDigest.isEqual(
                        knownHash,
                        SHA256.get()
                                .digest(header.substring(7).getBytes(StandardCharsets.US_ASCII)))) {
            ((HttpServletResponse) response).sendError(401);
            return;
        }
        MinimalFilter.admit(CALLER, request, response, chain);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
