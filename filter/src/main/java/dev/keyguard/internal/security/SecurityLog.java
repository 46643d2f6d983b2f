package dev.keyguard.internal.security;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.keyguard.Actor;
import dev.keyguard.ApiKey;
import dev.keyguard.internal.lookup.LookupBudget;
import dev.keyguard.internal.observe.Observer;
import dev.keyguard.internal.observe.Outcome;
import dev.keyguard.internal.observe.Refusal;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The security log: one line per security event on the logger {@value #LOGGER_NAME}, for a SIEM
 * (docs/security-events.md lists the events and their fields). Refusals and throttling are limited
 * to {@value #LINES_PER_SECOND} lines a second on average, {@value #BURST} at once, so that a flood
 * of bad keys from any number of addresses cannot fill the disk; what was left out is counted and
 * said in one {@code log.suppressed} line per {@link #SUMMARY_INTERVAL}. Key changes made here
 * (created, rotated, revoked) are never left out; those made on other nodes are logged there. Never
 * a raw key or a hash: keys are named by id or display prefix. Thread-safe.
 *
 * <p>Design note. The summary is written by the first event after the interval ends, or by the
 * housekeeping thread's next {@link #tick} (within a poll interval), or when Keyguard closes: no
 * timer of its own, and once a flood stops its count is still said within about a minute. {@link
 * #outcome} is not watched, so the valid path costs nothing here.
 */
public final class SecurityLog implements Observer {

    /** The logger's name. */
    public static final String LOGGER_NAME = "keyguard.security";

    /** Refusal and throttling lines a second, on average. */
    public static final int LINES_PER_SECOND = 10;

    /** Refusal and throttling lines at once, before the average holds. */
    public static final int BURST = 100;

    /** How often, at most, a {@code log.suppressed} line sums up what was left out. */
    public static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);

    static final String THROTTLED = "key.throttled";

    private final Logger log;
    private final Ticker ticker;
    private final LookupBudget lines;
    private final Suppressed suppressed;

    /** Logs on {@value #LOGGER_NAME}, limited by the ticker's time. */
    public SecurityLog(Ticker ticker) {
        this(LoggerFactory.getLogger(LOGGER_NAME), ticker);
    }

    SecurityLog(Logger log, Ticker ticker) {
        this.log = log;
        this.ticker = ticker;
        // A token bucket, the same as the look-up budget's (its reserve is not used here).
        this.lines = new LookupBudget(LINES_PER_SECOND, BURST, ticker);
        this.suppressed = new Suppressed(SUMMARY_INTERVAL.toNanos());
    }

    @Override
    public void refused(Refusal refusal) {
        String event = eventOf(refusal.outcome());
        if (event == null || !log.isInfoEnabled() || !admitted(refusal.outcome())) {
            return;
        }
        refusalLine(event, refusal).logTo(log, Level.INFO);
    }

    @Override
    public void scopeRefusedByHost(Refusal refusal) {
        refused(refusal);
    }

    @Override
    public void throttleStarted(String addressGroup, long blockedSeconds) {
        if (!log.isInfoEnabled() || !admitted(null)) {
            return;
        }
        SecurityLine.of(THROTTLED)
                .field("address", addressGroup)
                .field("blocked_seconds", blockedSeconds)
                .logTo(log, Level.INFO);
    }

    @Override
    public void keyCreated(ApiKey key, Actor by) {
        if (!log.isInfoEnabled()) {
            return;
        }
        summariseIfDue();
        SecurityLine line =
                SecurityLine.of("key.created")
                        .field("org", key.owner().organisationId())
                        .field("key", key.id())
                        .field("prefix", key.keyPrefix())
                        .field("expires", instant(key.expiresAt()));
        actor(line, by).logTo(log, Level.INFO);
    }

    @Override
    public void keyRotated(ApiKey retiring, ApiKey replacement, Duration grace, Actor by) {
        if (!log.isInfoEnabled()) {
            return;
        }
        summariseIfDue();
        SecurityLine line =
                SecurityLine.of("key.rotated")
                        .field("org", retiring.owner().organisationId())
                        .field("key", retiring.id())
                        .field("new_key", replacement.id())
                        .field("new_prefix", replacement.keyPrefix())
                        .field("grace_seconds", grace.toSeconds())
                        .field("old_expires", instant(retiring.expiresAt()));
        actor(line, by).logTo(log, Level.INFO);
    }

    @Override
    public void keyRevoked(ApiKey key, Actor by) {
        if (!log.isInfoEnabled()) {
            return;
        }
        summariseIfDue();
        SecurityLine line =
                SecurityLine.of("key.revoked")
                        .field("org", key.owner().organisationId())
                        .field("key", key.id())
                        .field("prefix", key.keyPrefix());
        actor(line, by).logTo(log, Level.INFO);
    }

    @Override
    public void tick() {
        summariseIfDue();
    }

    @Override
    public void closing() {
        summarise(suppressed.takeSummary(ticker.read(), true));
    }

    /** The event of a refusal's line, or {@code null} for one that is not a security event. */
    static String eventOf(Outcome outcome) {
        return switch (outcome) {
            case MALFORMED, CHECKSUM, UNKNOWN, REVOKED, EXPIRED, THROTTLED -> "key.refused";
            case IP_NOT_ALLOWED -> "address.refused";
            case INSUFFICIENT_SCOPE -> "scope.refused";
            case CSRF_FAILED -> "csrf.refused";
            // Not a refusal of the caller: a request without a key, an outage.
            case VALID, MISSING, UNAVAILABLE -> null;
        };
    }

    static SecurityLine refusalLine(String event, Refusal refusal) {
        return SecurityLine.of(event)
                .field("outcome", refusal.outcome().tag())
                .field("org", refusal.organisationId())
                .field("key", refusal.keyId())
                .field("prefix", refusal.keyPrefix())
                .field("address", refusal.address())
                .field("reason", refusal.detail());
    }

    private static SecurityLine actor(SecurityLine line, Actor by) {
        return line.field("actor_key", by.keyId()).field("actor_user", by.userId());
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Whether a refusal's line fits the rate; if not, counts it for the summary. */
    private boolean admitted(Outcome outcome) {
        summariseIfDue();
        if (lines.tryTake(false)) {
            return true;
        }
        suppressed.count(outcome, ticker.read());
        return false;
    }

    private void summariseIfDue() {
        if (suppressed.any()) {
            summarise(suppressed.takeSummary(ticker.read(), false));
        }
    }

    private void summarise(SecurityLine summary) {
        if (summary != null) {
            summary.logTo(log, Level.WARN);
        }
    }
}
