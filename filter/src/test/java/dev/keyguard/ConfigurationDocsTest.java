package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.testing.PublicApi;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The parameter table of docs/filter.md says what the constants of {@link KeyguardConfig} say:
 * every parameter has a row, and a row that names its constant gives its default.
 */
class ConfigurationDocsTest {

    /** {@code | `keyguard.cache.ttl` (`CACHE_TTL`) | `5m` | ...}: name, constant, default. */
    private static final Pattern ROW =
            Pattern.compile(
                    "^\\| `([a-z.-]+)` \\(`([A-Z_]+)`\\)[^|]*\\| ([^|]+) \\|", Pattern.MULTILINE);

    @Test
    void everyParameterHasARowWithItsDefault() throws IOException {
        String table = Files.readString(PublicApi.page().resolveSibling("filter.md"));
        List<String> problems = new ArrayList<>();
        for (Setting<?> setting : KeyguardConfig.SETTINGS) {
            if (!table.contains("`" + setting.name() + "`")) {
                problems.add(setting.name() + ": no row");
            }
        }
        Matcher row = ROW.matcher(table);
        int rows = 0;
        while (row.find()) {
            rows++;
            Setting<?> setting = byName(row.group(1));
            if (setting == null) {
                problems.add(row.group(1) + ": a row, but no such parameter");
                continue;
            }
            String documented = row.group(3).strip();
            String actual = shown(setting.defaultValue());
            if (!documented.equals(actual)) {
                problems.add(
                        setting.name()
                                + ": documented default "
                                + documented
                                + ", constant "
                                + actual);
            }
        }

        assertThat(rows).as("rows that name their constant").isGreaterThan(15);
        assertThat(problems).isEmpty();
    }

    private static Setting<?> byName(String name) {
        return KeyguardConfig.SETTINGS.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElse(null);
    }

    /** A default as the table writes it. */
    private static String shown(Object value) {
        if (value == null) {
            return "unset";
        }
        if (value instanceof List<?> list && list.isEmpty()) {
            return "none";
        }
        if (value instanceof List<?> list) {
            return "`" + String.join(", ", list.stream().map(String::valueOf).toList()) + "`";
        }
        return "`" + (value instanceof Duration d ? ConfigValues.format(d) : value) + "`";
    }
}
