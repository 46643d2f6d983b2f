package dev.keyguard.internal.web;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardException;
import dev.keyguard.KeyguardPrincipal;
import dev.keyguard.internal.key.KeyFormat;
import dev.keyguard.internal.lookup.Verification;
import dev.keyguard.internal.observe.Observer;
import dev.keyguard.internal.observe.Outcome;
import dev.keyguard.internal.observe.Refusal;
import dev.keyguard.internal.rights.ScopeVocabulary;
import dev.keyguard.spi.PersonResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter's pipeline, for {@link dev.keyguard.ApiKeyFilter}; hosts use the filter, not this.
 * Pass-through check → extract the Bearer key → verify it (format and checksum, hash, cache, store
 * within the look-up budget) → on success hand a request that knows its principal down the chain,
 * whatever its address; on failure consult the throttle and let the one {@link FailureWriter}
 * answer. Thread-safe.
 *
 * <p>Design note. The client address is read only when a key fails, or misses the cache (to tell
 * whether the client failed recently, for the look-up budget): a valid cached key costs no address
 * formatting. A key that verifies is never refused for its address; a blocked address gets 429 for
 * any key that does not verify, and 401 is kept for addresses that are not blocked.
 */
public final class BearerAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(BearerAuthentication.class);

    /** After a 503 for a spent look-up budget: it refills continuously, so a second will do. */
    static final long LOOKUP_RETRY_AFTER_SECONDS = 1;

    private final Verification.Check<HttpServletRequest> verifier;
    private final KeyFormat format;
    private final PassThrough passThrough;
    private final BadCredentialThrottle throttle;
    private final FailureWriter writer;
    private final Predicate<HttpServletRequest> suspect;
    private final ScopeVocabulary vocabulary;
    private final PathScopes pathScopes;

    /** Whether the host declared scopes: only then may a 403 of the host's name one. */
    private final boolean scopesDeclared;

    /** People logged in to the host app, on the admin API's paths; {@code null} for none. */
    private final PersonAuthentication people;

    /** Told every request's outcome and every refusal. */
    private final Observer observer;

    /**
     * @param verifier checks a presented key; throws {@code KeyguardException} when the store could
     *     not answer
     * @param format the key format, to show a refused key's display prefix in debug logs
     * @param ticker the throttle's time source
     * @param executor where the throttle's caches run their maintenance
     */
    public BearerAuthentication(
            Verification.Check<HttpServletRequest> verifier,
            KeyguardConfig config,
            KeyFormat format,
            Ticker ticker,
            Executor executor) {
        this(verifier, config, format, ticker, executor, null, Observer.NONE);
    }

    /**
     * @param people who is logged in to the host app, let in on {@link KeyguardConfig#PEOPLE_PATHS}
     *     without a key; {@code null} for nobody
     * @param observer told every request's outcome and every refusal
     */
    public BearerAuthentication(
            Verification.Check<HttpServletRequest> verifier,
            KeyguardConfig config,
            KeyFormat format,
            Ticker ticker,
            Executor executor,
            PersonResolver people,
            Observer observer) {
        this.observer = observer;
        this.people =
                people == null
                        ? null
                        : new PersonAuthentication(
                                people, config.peoplePaths(), config.peopleOrigins(), observer);
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
        this.suspect = request -> throttle.isSuspect(address(request));
        this.vocabulary = new ScopeVocabulary(config.scopes());
        this.pathScopes = new PathScopes(config.pathScopes());
        this.scopesDeclared = !config.scopes().isEmpty();
        warnAboutInsecureSettings(config);
    }

    public void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (passThrough.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (people != null
                && people.applies(request)
                && people.handle(request, response, chain, writer)) {
            return;
        }
        KeyguardPrincipal principal = authenticate(request, response);
        if (principal != null) {
            admit(principal, request, response, chain);
        }
    }

    /**
     * The pipeline without the pass-through and the path scopes, for the filter and for the
     * container's own authentication ({@link ContainerAuthentication}): takes the Bearer key,
     * verifies it and checks the client address against the key's allowed ones.
     *
     * @return who called; {@code null} when the request was refused, its answer (401, 403 {@code
     *     ip_not_allowed}, 429 or 503) written to {@code response}
     */
    KeyguardPrincipal authenticate(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String presented = BearerCredential.extract(request);
        if (presented == null) {
            observer.outcome(Outcome.MISSING);
            writer.write(response, Failure.MISSING_CREDENTIALS, 0);
            return null;
        }
        Verification verification;
        try {
            verification = verifier.check(presented, suspect, request);
        } catch (KeyguardException e) {
            if (LOG.isDebugEnabled()) {
                LOG.debug(
                        "Keyguard could not check a key from {}: {}",
                        address(request),
                        e.getMessage());
            }
            report(
                    Outcome.UNAVAILABLE,
                    null,
                    format.displayPrefix(presented),
                    request,
                    "the store did not answer");
            writer.write(response, Failure.UNAVAILABLE, 0);
            return null;
        }
        switch (verification.outcome()) {
            case VALID -> {
                return allowedHere(verification.principal(), request, response);
            }
            case UNAVAILABLE -> {
                if (LOG.isDebugEnabled()) {
                    LOG.debug(
                            "Keyguard's look-up budget is spent; a key from {} was not checked",
                            address(request));
                }
                report(
                        Outcome.UNAVAILABLE,
                        null,
                        format.displayPrefix(presented),
                        request,
                        "the look-up budget is spent");
                writer.write(response, Failure.UNAVAILABLE, LOOKUP_RETRY_AFTER_SECONDS);
            }
            default -> refuse(presented, verification, request, response);
        }
        return null;
    }

    /** Tells the observer of a refusal: its outcome, then its details. */
    private void report(
            Outcome outcome,
            dev.keyguard.ApiKey key,
            String keyPrefix,
            HttpServletRequest request,
            String detail) {
        observer.outcome(outcome);
        observer.refused(
                new Refusal(
                        outcome,
                        key == null ? null : key.owner().organisationId(),
                        key == null ? null : key.id(),
                        keyPrefix,
                        request.getRemoteAddr(),
                        detail));
    }

    /** As {@link #report}, for a valid key refused here. */
    private void report(
            Outcome outcome,
            KeyguardPrincipal principal,
            HttpServletRequest request,
            String detail) {
        observer.outcome(outcome);
        observer.refused(
                new Refusal(
                        outcome,
                        principal.organisationId(),
                        principal.keyId(),
                        null,
                        request.getRemoteAddr(),
                        detail));
    }

    /** A valid key, refused (403 {@code ip_not_allowed}) from outside its allowed addresses. */
    private KeyguardPrincipal allowedHere(
            KeyguardPrincipal principal, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!principal.allowedIps().isAnywhere()
                && !principal.allowedIps().allows(request.getRemoteAddr())) {
            if (LOG.isDebugEnabled()) {
                LOG.debug(
                        "Keyguard refused key {} from {}: outside its allowed addresses",
                        principal.keyId(),
                        address(request));
            }
            report(Outcome.IP_NOT_ALLOWED, principal, request, null);
            writer.write(response, Failure.IP_NOT_ALLOWED, 0);
            return null;
        }
        return principal;
    }

    /**
     * As {@link #authenticate}, for the container's authentication, where no path scope applies: a
     * key it lets in is counted {@link Outcome#VALID} here.
     */
    KeyguardPrincipal authenticateForContainer(
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        KeyguardPrincipal principal = authenticate(request, response);
        if (principal != null) {
            observer.outcome(Outcome.VALID);
        }
        return principal;
    }

    /**
     * A valid key from an allowed address: refused without the scope the path needs (403 {@code
     * insufficient_scope}); otherwise handed down the chain in a request that knows its principal
     * and answers {@code isUserInRole} by scope.
     */
    private void admit(
            KeyguardPrincipal principal,
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain)
            throws IOException, ServletException {
        List<String> required = pathScopes.required(request);
        for (int i = 0; i < required.size(); i++) { // no iterator on every request
            String needed = required.get(i);
            if (!principal.hasScope(needed)) {
                report(Outcome.INSUFFICIENT_SCOPE, principal, request, needed);
                writer.writeInsufficientScope(response, needed);
                return;
            }
        }
        observer.outcome(Outcome.VALID);
        request.setAttribute(KeyguardPrincipal.REQUEST_ATTRIBUTE, principal);
        AuthenticatedRequest authenticated =
                new AuthenticatedRequest(request, principal, vocabulary);
        chain.doFilter(
                authenticated,
                scopesDeclared
                        ? new ScopeAwareResponse(response, authenticated, writer, observer)
                        : response);
    }

    /**
     * A blocked address gets 429 for any key that does not verify; otherwise a failed look-up is
     * counted (malformed keys and wrong checksums cost nothing and are not) and answered 401.
     */
    private void refuse(
            String presented,
            Verification verification,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        boolean lookedUp = verification.lookedUpAndRefused();
        // A malformed key has no display prefix worth showing: it may be anything at all.
        String prefix =
                verification.outcome() == Outcome.MALFORMED
                        ? null
                        : format.displayPrefix(presented);
        boolean anyBlocked = throttle.anyBlocked();
        if (!lookedUp && !anyBlocked) {
            // Nothing to count and no block to find: the address need not even be formatted.
            if (LOG.isDebugEnabled()) {
                LOG.debug("Keyguard refused a malformed key from {}", address(request));
            }
            report(verification.outcome(), null, prefix, request, null);
            writer.write(response, Failure.INVALID_TOKEN, 0);
            return;
        }
        String address = address(request);
        long blockedFor = anyBlocked ? throttle.blockedForSeconds(address) : 0;
        if (blockedFor > 0) {
            report(
                    Outcome.THROTTLED,
                    verification.refusedKey(),
                    prefix,
                    request,
                    verification.outcome().tag());
            writer.write(response, Failure.THROTTLED, blockedFor);
            return;
        }
        report(verification.outcome(), verification.refusedKey(), prefix, request, null);
        if (lookedUp && throttle.recordFailure(address)) {
            // The security log (key.throttled) says it at INFO.
            if (LOG.isDebugEnabled()) {
                LOG.debug("Keyguard throttles {} after too many invalid API keys", address);
            }
            observer.throttleStarted(address, throttle.blockedForSeconds(address));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "Keyguard refused key {} from {}",
                    lookedUp ? format.displayPrefix(presented) : "(malformed or bad checksum)",
                    address);
        }
        writer.write(response, Failure.INVALID_TOKEN, 0);
    }

    /** The client's throttling group: the IPv4 address, or the /64 of an IPv6 address. */
    private static String address(HttpServletRequest request) {
        return ClientAddress.group(request.getRemoteAddr());
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
        if (config.throttleLookupsPerSecond() == 0) {
            LOG.warn(
                    "Keyguard: {} is 0, so a flood of unknown keys from many addresses may take"
                            + " the database's connections",
                    KeyguardConfig.THROTTLE_LOOKUPS_PER_SECOND.name());
        }
        if (config.keysAcceptWithoutChecksum()) {
            LOG.warn(
                    "Keyguard: {} is on, so keys without a valid checksum are looked up in the"
                            + " database; switch it off once the old keys are rotated",
                    KeyguardConfig.KEYS_ACCEPT_WITHOUT_CHECKSUM.name());
        }
    }

    /** Client address groups this filter's throttle blocks now, for metrics. */
    public long blockedAddresses() {
        return throttle.blockedNow();
    }
}
