package dev.keyguard.internal.web;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardException;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.internal.key.KeyFormat;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter's pipeline, for {@link dev.keyguard.ApiKeyFilter}; hosts use the filter, not this.
 * Pass-through check → throttle → extract the Bearer key → verify it (format, hash, cache, store) →
 * on success hand a request that knows its principal down the chain; on failure let the one {@link
 * FailureWriter} answer. Thread-safe.
 */
public final class BearerAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(BearerAuthentication.class);

    private final Function<String, Optional<KeyguardPrincipal>> verifier;
    private final KeyFormat format;
    private final PassThrough passThrough;
    private final BadCredentialThrottle throttle;
    private final FailureWriter writer;

    /**
     * @param verifier checks a presented key: who called, or empty for a key that does not verify;
     *     throws {@code KeyguardException} when it could not check
     * @param format the key format, to show a refused key's display prefix in debug logs
     * @param ticker the throttle's time source
     * @param executor where the throttle's caches run their maintenance
     */
    public BearerAuthentication(
            Function<String, Optional<KeyguardPrincipal>> verifier,
            KeyguardConfig config,
            KeyFormat format,
            Ticker ticker,
            Executor executor) {
        this.verifier = verifier;
        this.format = format;
        this.passThrough =
                new PassThrough(config.corsPreflightPassThrough(), config.excludedPaths());
        this.throttle =
                new BadCredentialThrottle(
                        config.throttleMaxFailures(),
                        config.throttleWindow(),
                        config.throttleBlock(),
                        ticker,
                        executor);
        this.writer = new FailureWriter(config.realm());
        warnAboutInsecureSettings(config);
    }

    public void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (passThrough.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        // The client address is read (and formatted by the container) only when needed.
        long blockedFor = throttle.anyBlocked() ? throttle.blockedForSeconds(address(request)) : 0;
        if (blockedFor > 0) {
            writer.write(response, Failure.THROTTLED, blockedFor);
            return;
        }
        String presented = BearerCredential.extract(request);
        if (presented == null) {
            writer.write(response, Failure.MISSING_CREDENTIALS, 0);
            return;
        }
        Optional<KeyguardPrincipal> principal;
        try {
            principal = verifier.apply(presented);
        } catch (KeyguardException e) {
            if (LOG.isDebugEnabled()) {
                LOG.debug(
                        "Keyguard could not check a key from {}: {}",
                        address(request),
                        e.getMessage());
            }
            writer.write(response, Failure.UNAVAILABLE, 0);
            return;
        }
        if (principal.isEmpty()) {
            refuse(presented, address(request), response);
            return;
        }
        request.setAttribute(KeyguardPrincipal.REQUEST_ATTRIBUTE, principal.get());
        chain.doFilter(new AuthenticatedRequest(request, principal.get()), response);
    }

    private void refuse(String presented, String address, HttpServletResponse response)
            throws IOException {
        if (throttle.recordFailure(address)) {
            LOG.info("Keyguard throttles {} after too many invalid API keys", address);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "Keyguard refused key {} from {}",
                    format.isWellFormed(presented)
                            ? format.displayPrefix(presented)
                            : "(malformed)",
                    address);
        }
        writer.write(response, Failure.INVALID_TOKEN, 0);
    }

    private static String address(HttpServletRequest request) {
        return String.valueOf(request.getRemoteAddr());
    }

    private void warnAboutInsecureSettings(KeyguardConfig config) {
        if (passThrough.everything()) {
            LOG.warn(
                    "Keyguard: {} contains /*, so no request is authenticated",
                    KeyguardConfig.EXCLUDED_PATHS.name());
        }
        if (config.cacheRevalidateAfter().compareTo(Duration.ofMinutes(1)) > 0) {
            LOG.warn(
                    "Keyguard: {} is over a minute, so a key changed in the database without"
                            + " a key event keeps working here that long",
                    KeyguardConfig.CACHE_REVALIDATE_AFTER.name());
        }
        if (config.throttleMaxFailures() == 0) {
            LOG.warn(
                    "Keyguard: {} is 0, so clients may guess keys without being throttled",
                    KeyguardConfig.THROTTLE_MAX_FAILURES.name());
        }
    }
}
