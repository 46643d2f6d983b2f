package dev.keyguard.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.internal.metrics.MeterBinding;
import dev.keyguard.internal.observe.Outcome;
import dev.keyguard.spi.InMemoryKeyStore;
import dev.keyguard.testing.PublicApi;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The meter table of docs/operations.md lists exactly the meters Keyguard registers (HikariCP's own
 * as one row, {@code hikaricp.*}), and the outcomes it names are exactly those counted.
 */
class OperationsDocsTest {

    /** {@code | `keyguard.verifications` | counter | ...}: the name in the first column. */
    private static final Pattern ROW =
            Pattern.compile("^\\| `([a-z*]+\\.[a-z.*]+)` \\|", Pattern.MULTILINE);

    @Test
    void theTableListsExactlyTheRegisteredMeters() throws Exception {
        String page = Files.readString(PublicApi.page().resolveSibling("operations.md"));
        Set<String> documented = new LinkedHashSet<>();
        Matcher row = ROW.matcher(page);
        while (row.find()) {
            documented.add(row.group(1));
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Set<String> registered = new TreeSet<>();
        try (Keyguard keyguard =
                Keyguard.start(
                        KeyguardConfig.builder()
                                .store(new InMemoryKeyStore())
                                .metricsGlobal(false)
                                .build())) {
            new KeyguardMetrics(keyguard).bindTo(registry);
            registry.getMeters().stream()
                    .map(Meter::getId)
                    .map(Meter.Id::getName)
                    .forEach(registered::add);
        }
        registered.add("hikaricp.*");

        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
        assertThat(registered).containsAll(MeterBinding.NAMES);
    }

    @Test
    void theVerificationsRowNamesEveryOutcome() throws Exception {
        String page = Files.readString(PublicApi.page().resolveSibling("operations.md"));
        String row =
                page.lines()
                        .filter(line -> line.startsWith("| `keyguard.verifications` |"))
                        .findFirst()
                        .orElseThrow();
        String tags = row.split("\\|")[3];
        Set<String> named =
                Pattern.compile("`([a-z_]+)`")
                        .matcher(tags)
                        .results()
                        .map(m -> m.group(1))
                        .filter(name -> !name.equals("outcome"))
                        .collect(Collectors.toSet());
        assertThat(named)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Outcome.values()).map(Outcome::tag).toList());
    }
}
