package dev.keyguard.internal.observe;

import dev.keyguard.Actor;
import dev.keyguard.ApiKey;
import java.time.Duration;
import java.util.Arrays;

/**
 * Told what Keyguard decided, for metrics and the security log: where the filter answers, and where
 * a key's check ends. Implementations never throw and never block; {@link #outcome} runs on every
 * request, so for {@link Outcome#VALID} it may not allocate either. Thread-safe.
 *
 * <p>Design note. The pipeline reports each request once, with its final outcome ({@link
 * #outcome}), and each refusal once more with its details ({@link #refused}), so that a counter
 * need not build the details a log line needs, and the valid path builds nothing. Everything that
 * watches Keyguard (Micrometer meters, the {@code keyguard.security} log) is an observer of this
 * one stream; {@link #NONE} watches nothing.
 */
public interface Observer {

    /** Watches nothing. */
    Observer NONE = new Observer() {};

    /** One request's (or one {@code verify} call's) final outcome. */
    default void outcome(Outcome outcome) {}

    /** A refused request's details, after its {@link #outcome}. */
    default void refused(Refusal refusal) {}

    /**
     * The throttle started blocking a client address group (an IPv4 address or an IPv6 /64) after
     * too many invalid keys.
     */
    default void throttleStarted(String addressGroup, long blockedSeconds) {}

    /**
     * The host refused with 403 a request that was let in ({@link Outcome#VALID}) after it asked
     * {@code isUserInRole} for scopes the key lacks; Keyguard answered {@code insufficient_scope}.
     * The request's outcome stays {@link Outcome#VALID}: this is not a second {@link #outcome}.
     */
    default void scopeRefusedByHost(Refusal refusal) {}

    /**
     * A key was created here (the store accepted it); never told of changes made on other nodes.
     */
    default void keyCreated(ApiKey key, Actor by) {}

    /**
     * A key was rotated here: {@code retiring} (with its new expiry) is replaced by {@code
     * replacement}, and works on for {@code grace}.
     */
    default void keyRotated(ApiKey retiring, ApiKey replacement, Duration grace, Actor by) {}

    /** A key was revoked here. */
    default void keyRevoked(ApiKey key, Actor by) {}

    /**
     * Time has passed: called by Keyguard's housekeeping thread (the key-event follower's) after
     * each of its reads, about once a poll interval, never on a request. For what falls due by time
     * alone, such as the security log's summary of the lines it left out.
     */
    default void tick() {}

    /** Keyguard is closing: write what is pending (a summary of suppressed log lines). */
    default void closing() {}

    /** Whether it does anything with {@link #outcome}: overrides it. */
    private static boolean countsOutcomes(Observer observer) {
        try {
            return observer.getClass().getMethod("outcome", Outcome.class).getDeclaringClass()
                    != Observer.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Every observer has outcome(Outcome)", e);
        }
    }

    /**
     * Several observers, each told everything in turn ({@link #outcome} only those that override
     * it); {@link #NONE} for none.
     */
    static Observer all(Observer... observers) {
        Observer[] watching =
                Arrays.stream(observers)
                        .filter(o -> o != null && o != NONE)
                        .toArray(Observer[]::new);
        if (watching.length == 0) {
            return NONE;
        }
        if (watching.length == 1) {
            return watching[0];
        }
        Observer[] countingMembers =
                Arrays.stream(watching).filter(Observer::countsOutcomes).toArray(Observer[]::new);
        // A strict subset, grouped on its own; all of them: this group itself.
        Observer counting = countingMembers.length == watching.length ? null : all(countingMembers);
        return new Observer() {
            @Override
            public void outcome(Outcome outcome) {
                if (counting != null) {
                    counting.outcome(outcome);
                    return;
                }
                for (Observer o : watching) {
                    o.outcome(outcome);
                }
            }

            @Override
            public void refused(Refusal refusal) {
                for (Observer o : watching) {
                    o.refused(refusal);
                }
            }

            @Override
            public void throttleStarted(String addressGroup, long blockedSeconds) {
                for (Observer o : watching) {
                    o.throttleStarted(addressGroup, blockedSeconds);
                }
            }

            @Override
            public void scopeRefusedByHost(Refusal refusal) {
                for (Observer o : watching) {
                    o.scopeRefusedByHost(refusal);
                }
            }

            @Override
            public void keyCreated(ApiKey key, Actor by) {
                for (Observer o : watching) {
                    o.keyCreated(key, by);
                }
            }

            @Override
            public void keyRotated(ApiKey retiring, ApiKey replacement, Duration grace, Actor by) {
                for (Observer o : watching) {
                    o.keyRotated(retiring, replacement, grace, by);
                }
            }

            @Override
            public void keyRevoked(ApiKey key, Actor by) {
                for (Observer o : watching) {
                    o.keyRevoked(key, by);
                }
            }

            @Override
            public void tick() {
                for (Observer o : watching) {
                    o.tick();
                }
            }

            @Override
            public void closing() {
                for (Observer o : watching) {
                    o.closing();
                }
            }
        };
    }
}
