package dev.keyguard.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Actor;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyguardInternals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Measures how long a revocation on one node takes to be refused by the others: for each key, every
 * observer has the key cached (it answered 200), the revoking node revokes it, and each observer is
 * asked with the key every millisecond until it answers 401. The clock starts just before the
 * revocation is called (its commit included). Before each revocation a random pause of up to {@code
 * spread} puts it at a random point of the observers' poll cycle, so that the figures are not
 * biased toward the start or the end of an interval.
 */
final class Propagation {

    private Propagation() {}

    /** One sample per key and observer. */
    static List<Duration> measure(
            Node revoker,
            List<Node> observers,
            String organisationId,
            List<CreatedApiKey> keys,
            Duration spread,
            Duration giveUp)
            throws Exception {
        for (CreatedApiKey key : keys) {
            for (Node observer : observers) {
                assertThat(observer.status(key.rawKey()))
                        .as("%s caches the key first", observer)
                        .isEqualTo(200);
            }
        }
        List<Duration> samples = new ArrayList<>();
        for (CreatedApiKey key : keys) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(spread.toMillis() + 1));
            Map<Node, Long> appliedBefore = new HashMap<>();
            for (Node observer : observers) {
                appliedBefore.put(
                        observer,
                        KeyguardInternals.of(observer.keyguard).follower().eventsApplied());
            }
            long start = System.nanoTime();
            revoker.keyguard.service().revoke(organisationId, key.key().id(), Actor.operator());
            List<Node> waiting = new ArrayList<>(observers);
            while (!waiting.isEmpty()) {
                for (Node observer : List.copyOf(waiting)) {
                    if (observer.status(key.rawKey()) == 401) {
                        samples.add(Duration.ofNanos(System.nanoTime() - start));
                        waiting.remove(observer);
                        assertThat(
                                        KeyguardInternals.of(observer.keyguard)
                                                .follower()
                                                .eventsApplied())
                                .as(
                                        "%s refused the key because its feed applied the event",
                                        observer)
                                .isGreaterThan(appliedBefore.get(observer));
                    }
                }
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                assertThat(waited)
                        .as("%s still accept key %s", waiting, key.key().keyPrefix())
                        .isLessThan(giveUp);
                Thread.sleep(1);
            }
        }
        return samples;
    }

    /** p50, p99 and max of the samples, nearest-rank. */
    record Stats(int count, Duration p50, Duration p99, Duration max) {

        static Stats of(List<Duration> samples) {
            List<Duration> sorted = new ArrayList<>(samples);
            Collections.sort(sorted);
            return new Stats(
                    sorted.size(),
                    rank(sorted, 0.50),
                    rank(sorted, 0.99),
                    sorted.get(sorted.size() - 1));
        }

        private static Duration rank(List<Duration> sorted, double quantile) {
            int index = (int) Math.ceil(quantile * sorted.size()) - 1;
            return sorted.get(Math.max(0, index));
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "n=%d p50=%d ms p99=%d ms max=%d ms",
                    count,
                    p50.toMillis(),
                    p99.toMillis(),
                    max.toMillis());
        }
    }
}
