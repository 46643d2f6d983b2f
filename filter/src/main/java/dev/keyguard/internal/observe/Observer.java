package dev.keyguard.internal.observe;

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

    /** Several observers, each told everything in turn; {@link #NONE} for none. */
    static Observer all(Observer... observers) {
        Observer[] watching =
                java.util.Arrays.stream(observers)
                        .filter(o -> o != null && o != NONE)
                        .toArray(Observer[]::new);
        if (watching.length == 0) {
            return NONE;
        }
        if (watching.length == 1) {
            return watching[0];
        }
        return new Observer() {
            @Override
            public void outcome(Outcome outcome) {
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
        };
    }
}
