package dev.keyguard.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.internal.metrics.MeterBinding;
import dev.keyguard.spi.InMemoryKeyStore;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a host gets the meters: its own registry, the global one, several Keyguards, none. */
class KeyguardMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void forgetTheGlobalRegistry() {
        Metrics.removeRegistry(registry);
    }

    private static KeyguardConfig.Builder inMemory() {
        return KeyguardConfig.builder()
                .store(new InMemoryKeyStore())
                .eventsPollInterval(Duration.ofHours(1));
    }

    @Test
    void aHostRegistryGetsEveryMeterWithADescriptionAndTheyGoWhenKeyguardCloses() {
        try (Keyguard keyguard = Keyguard.start(inMemory().metricsGlobal(false).build())) {
            new KeyguardMetrics(keyguard).bindTo(registry);

            assertThat(registry.getMeters())
                    .extracting(meter -> meter.getId().getName())
                    .containsAll(MeterBinding.NAMES)
                    .contains("cache.gets", "cache.size");
            assertThat(registry.getMeters())
                    .filteredOn(meter -> meter.getId().getName().startsWith("keyguard."))
                    .allSatisfy(meter -> assertThat(meter.getId().getDescription()).isNotBlank());
            assertThat(keyguard.verify("not-a-key")).isEmpty();
            assertThat(
                            registry.get(MeterBinding.VERIFICATIONS)
                                    .tag("outcome", "malformed")
                                    .functionCounter()
                                    .count())
                    .isEqualTo(1);
        }
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void keyguardBindsTheGlobalRegistryByDefaultAndNotWhenSwitchedOff() {
        Metrics.addRegistry(registry);
        try (Keyguard off = Keyguard.start(inMemory().metricsGlobal(false).build())) {
            off.verify("not-a-key");
            assertThat(registry.find(MeterBinding.VERIFICATIONS).meters()).isEmpty();
        }
        try (Keyguard keyguard = Keyguard.start(inMemory().build())) {
            keyguard.verify("not-a-key");
            assertThat(
                            registry.get(MeterBinding.VERIFICATIONS)
                                    .tag("outcome", "malformed")
                                    .functionCounter()
                                    .count())
                    .isEqualTo(1);
        }
        assertThat(registry.find(MeterBinding.VERIFICATIONS).meters()).isEmpty();
    }

    @Test
    void twoKeyguardsInOneRegistryAreToldApartByTheHostsTagsElseTheSecondIsLeftOut() {
        try (Keyguard first = Keyguard.start(inMemory().metricsGlobal(false).build());
                Keyguard second = Keyguard.start(inMemory().metricsGlobal(false).build())) {
            new KeyguardMetrics(first).bindTo(registry);
            new KeyguardMetrics(second).bindTo(registry);
            new KeyguardMetrics(first).bindTo(registry);
            assertThat(registry.find(MeterBinding.VERIFICATIONS).tag("outcome", "valid").meters())
                    .hasSize(1);

            new KeyguardMetrics(second, Tags.of("keyguard", "partners")).bindTo(registry);
            second.verify("not-a-key");
            assertThat(
                            registry.get(MeterBinding.VERIFICATIONS)
                                    .tags("keyguard", "partners", "outcome", "malformed")
                                    .functionCounter()
                                    .count())
                    .isEqualTo(1);
        }
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void withMetricsOffNothingIsCountedAndBindingBindsNothingWithoutFailingTheHost() {
        try (Keyguard keyguard = Keyguard.start(inMemory().metrics(false).build())) {
            new KeyguardMetrics(keyguard).bindTo(registry);
            assertThat(keyguard.verify("not-a-key")).isEmpty();
            assertThat(registry.getMeters()).isEmpty();
        }
    }

    @Test
    void thePoolKeyguardMadeReportsThroughHikariCpsOwnMeters() {
        KeyguardConfig config =
                KeyguardConfig.builder()
                        .jdbc(
                                "jdbc:h2:mem:kg-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                                "sa",
                                "")
                        .metricsGlobal(false)
                        .eventsPollInterval(Duration.ofHours(1))
                        .build();
        try (Keyguard keyguard = Keyguard.start(config)) {
            new KeyguardMetrics(keyguard).bindTo(registry);
            assertThat(registry.get("hikaricp.connections").tag("pool", "keyguard").gauge().value())
                    .isPositive();
        }
        assertThat(registry.getMeters()).extracting(Meter::getId).isEmpty();
    }
}
