package dev.keyguard.bench.pinned;

import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.bench.VerifyBenchmark;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;

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

    private final byte[] knownHash;

    /** A filter that lets in the one key whose SHA-256 is that of {@code key}. */
    HashFloorFilter(String key) {
        this.knownHash = VerifyBenchmark.sha256(key);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = ((HttpServletRequest) request).getHeader("Authorization");
        if (header == null
                || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || !MessageDigest.isEqual(knownHash, VerifyBenchmark.sha256(header.substring(7)))) {
            ((HttpServletResponse) response).sendError(401);
            return;
        }
        MinimalFilter.admit(CALLER, request, response, chain);
    }
}
