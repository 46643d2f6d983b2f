package dev.keyguard.testing;

import dev.keyguard.internal.observe.Observer;
import dev.keyguard.internal.observe.Outcome;
import dev.keyguard.internal.observe.Refusal;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a Keyguard told its observers, in order, for tests. Thread-safe. */
public final class RecordingObserver implements Observer {

    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final List<String> throttled = new ArrayList<>();

    @Override
    public synchronized void outcome(Outcome outcome) {
        outcomes.add(outcome);
    }

    @Override
    public synchronized void refused(Refusal refusal) {
        refusals.add(refusal);
    }

    @Override
    public synchronized void throttleStarted(String addressGroup, long blockedSeconds) {
        throttled.add(addressGroup);
    }

    public synchronized List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public synchronized List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    /** The address groups the throttle started blocking, in order. */
    public synchronized List<String> throttled() {
        return List.copyOf(throttled);
    }

    public synchronized void clear() {
        outcomes.clear();
        refusals.clear();
        throttled.clear();
    }
}
