package dev.keyguard;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One named parameter of {@link KeyguardConfig}: its name (as a filter init-param, a web app
 * context-param or a system property), its environment variable, its default, and the rule its
 * value keeps. The parameters are the constants of {@link KeyguardConfig}. Immutable.
 *
 * @param <T> the type of its value
 */
public final class Setting<T> {

    private final String name;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final Predicate<? super T> rule;
    private final String advice;
    private final boolean secret;

    private Setting(
            String name,
            T defaultValue,
            Function<String, T> parser,
            Predicate<? super T> rule,
            String advice,
            boolean secret) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.rule = rule;
        this.advice = advice;
        this.secret = secret;
    }

    static <T> Setting<T> of(
            String name,
            T defaultValue,
            Function<String, T> parser,
            Predicate<? super T> rule,
            String advice) {
        return new Setting<>(name, defaultValue, parser, rule, advice, false);
    }

    static Setting<String> text(String name, String defaultValue) {
        return of(name, defaultValue, Function.identity(), value -> true, "");
    }

    /** A text whose value is never shown in a message or a {@code toString}. */
    static Setting<String> secret(String name) {
        return new Setting<>(name, null, Function.identity(), value -> true, "", true);
    }

    static Setting<Boolean> flag(String name, boolean defaultValue) {
        return of(name, defaultValue, ConfigValues::parseBoolean, value -> true, "");
    }

    static Setting<Duration> duration(String name, Duration defaultValue, Duration atLeast) {
        String advice =
                atLeast.isZero()
                        ? "use a duration such as 0s, 1s or 5m"
                        : atLeast.equals(POSITIVE)
                                ? "use a positive duration such as 5s or 5m"
                                : "use "
                                        + ConfigValues.format(atLeast)
                                        + " or more, e.g. "
                                        + ConfigValues.format(defaultValue);
        return of(
                name,
                defaultValue,
                ConfigValues::parseDuration,
                value -> value.compareTo(atLeast) >= 0,
                advice);
    }

    /** The least duration that is positive. */
    static final Duration POSITIVE = Duration.ofNanos(1);

    /** The parameter's name, e.g. {@code keyguard.cache.ttl}. */
    public String name() {
        return name;
    }

    /**
     * The environment variable that sets it: the name in upper case with {@code _} for {@code .}
     * and {@code -}, e.g. {@code KEYGUARD_CACHE_TTL}.
     */
    public String environmentName() {
        return environmentName(name);
    }

    static String environmentName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value when none is given; {@code null} for a parameter that is off unless set. */
    public T defaultValue() {
        return defaultValue;
    }

    /**
     * Reads a value as a person typed it.
     *
     * @throws IllegalArgumentException naming the parameter and, unless it is secret, the value
     */
    T parse(String text) {
        T value;
        try {
            value = parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Invalid " + name + shown(text) + ": " + e.getMessage(), e);
        }
        return check(value);
    }

    /**
     * @return the value, if it keeps the rule ({@code null} always does)
     * @throws IllegalArgumentException naming the parameter, the value and what to use instead
     */
    T check(T value) {
        if (value != null && !rule.test(value)) {
            throw new IllegalArgumentException("Invalid " + name + shown(value) + ": " + advice);
        }
        return value;
    }

    private String shown(Object value) {
        if (secret) {
            return "";
        }
        return " '" + (value instanceof Duration d ? ConfigValues.format(d) : value) + "'";
    }

    /** Its name. */
    @Override
    public String toString() {
        return name;
    }
}
