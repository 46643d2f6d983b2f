package dev.keyguard.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.testing.RecordingObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObserverTest {

    /** Watches refusals only, like the security log. */
    static final class Refusals implements Observer {
        final List<Refusal> seen = new ArrayList<>();

        @Override
        public void refused(Refusal refusal) {
            seen.add(refusal);
        }
    }

    static final Refusal REFUSAL =
            new Refusal(Outcome.UNKNOWN, null, null, "ll_0123456789", "192.0.2.1", null);

    @Test
    void aGroupTellsOutcomesOnlyToTheMembersThatCountThemAndEverythingElseToAll() {
        Refusals log = new Refusals();
        RecordingObserver counter = new RecordingObserver();
        Observer group = Observer.all(log, counter, Observer.NONE, null);

        group.outcome(Outcome.VALID);
        group.outcome(Outcome.MISSING);
        group.refused(REFUSAL);

        assertThat(counter.outcomes()).containsExactly(Outcome.VALID, Outcome.MISSING);
        assertThat(counter.refusals()).containsExactly(REFUSAL);
        assertThat(log.seen).containsExactly(REFUSAL);
    }

    @Test
    void aGroupWhoseMembersAllCountOutcomesTellsThemAll() {
        RecordingObserver first = new RecordingObserver();
        RecordingObserver second = new RecordingObserver();
        Observer group = Observer.all(first, second);

        group.outcome(Outcome.VALID);
        group.outcome(Outcome.EXPIRED);

        assertThat(first.outcomes()).containsExactly(Outcome.VALID, Outcome.EXPIRED);
        assertThat(second.outcomes()).containsExactly(Outcome.VALID, Outcome.EXPIRED);
    }

    @Test
    void aGroupWithNoMemberThatCountsOutcomesStillTellsRefusals() {
        Refusals first = new Refusals();
        Refusals second = new Refusals();
        Observer group = Observer.all(first, second);

        group.outcome(Outcome.VALID);
        group.refused(REFUSAL);

        assertThat(first.seen).containsExactly(REFUSAL);
        assertThat(second.seen).containsExactly(REFUSAL);
    }
}
