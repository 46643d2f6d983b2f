package dev.keyguard.internal.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.testing.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LookupBudgetTest {

    final FakeTicker ticker = new FakeTicker();
    final LookupBudget budget = new LookupBudget(10, 4, ticker);

    @Test
    void theBurstIsAvailableAtOnceThenTheRate() {
        for (int i = 0; i < 4; i++) {
            assertThat(budget.tryTake(false)).isTrue();
        }
        assertThat(budget.tryTake(false)).isFalse();

        ticker.advance(Duration.ofMillis(100));
        assertThat(budget.tryTake(false)).isTrue();
        assertThat(budget.tryTake(false)).isFalse();
    }

    @Test
    void suspectsMayNotTakeTheReserveOfHalfTheBurst() {
        assertThat(budget.tryTake(true)).isTrue();
        assertThat(budget.tryTake(true)).isTrue();
        assertThat(budget.tryTake(true)).isFalse();

        assertThat(budget.tryTake(false)).isTrue();
        assertThat(budget.tryTake(false)).isTrue();
        assertThat(budget.tryTake(false)).isFalse();
    }

    @Test
    void aLookUpGivenBackCanBeTakenAgain() {
        for (int i = 0; i < 4; i++) {
            budget.tryTake(false);
        }
        budget.giveBack();

        assertThat(budget.tryTake(false)).isTrue();
        assertThat(budget.tryTake(false)).isFalse();
    }

    @Test
    void aRateOfZeroIsNoBudget() {
        LookupBudget off = new LookupBudget(0, 4, ticker);
        for (int i = 0; i < 1000; i++) {
            assertThat(off.tryTake(true)).isTrue();
        }
    }
}
