package dev.keyguard.testing;

import dev.keyguard.KeyguardConfig;
import dev.keyguard.KeyguardInternals;
import java.time.Duration;
import java.util.Optional;

/**
 * The knobs of the test suites (how long, how many), each with one name used the same way in every
 * module: the system property of that name ({@code mvn ... -Dkeyguard.soak.seconds=120}, which
 * surefire passes on to the test JVM), else the environment variable derived from it as for
 * Keyguard's own parameters, upper case with {@code _} for {@code .} and {@code -} ({@code
 * KEYGUARD_SOAK_SECONDS=120}). A blank value counts as unset.
 */
public final class TestKnobs {

    /** How long each soak runs, in seconds; 5 by default, so that the default build stays short. */
    public static final String SOAK_SECONDS = "keyguard.soak.seconds";

    private TestKnobs() {}

    /** The soak's length: {@value #SOAK_SECONDS}, else 5 s. */
    public static Duration soakLength() {
        return Duration.ofSeconds(longValue(SOAK_SECONDS, 5));
    }

    /** The knob's value, from the system property, else from its environment variable. */
    public static Optional<String> value(String name) {
        String value = KeyguardConfig.systemSource().apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The knob as a whole number, or {@code otherwise} when unset. */
    public static long longValue(String name, long otherwise) {
        Optional<String> value = value(name);
        try {
            return value.map(Long::parseLong).orElse(otherwise);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name
                            + " (or "
                            + KeyguardInternals.environmentName(name)
                            + ") is not a whole number: "
                            + value.orElseThrow(),
                    e);
        }
    }
}
