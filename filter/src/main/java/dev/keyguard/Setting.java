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

    /** The least duration that is positive. */
    static final Duration POSITIVE = Duration.ofNanos(1);

    /** The longest duration any parameter takes: far beyond use, far below overflow. */
    static final Duration LONGEST = Duration.ofDays(3650);

    private final String name;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final Predicate<? super T> rule;
    private final String advice;

    /** How a value is shown in messages and {@code toString}; {@code null}: never shown. */
    private final Function<? super T, String> display;

    private Setting(
            String name,
            T defaultValue,
            Function<String, T> parser,
            Predicate<? super T> rule,
            String advice,
            Function<? super T, String> display) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.rule = rule;
        this.advice = advice;
        this.display = display;
    }

    static <T> Setting<T> of(
            String name,
            T defaultValue,
            Function<String, T> parser,
            Predicate<? super T> rule,
            String advice) {
        return new Setting<>(name, defaultValue, parser, rule, advice, String::valueOf);
    }

    static Setting<String> text(String name, String defaultValue) {
        return of(name, defaultValue, Function.identity(), value -> true, "");
    }

    /** A text whose value is never shown in a message or a {@code toString}, nor trimmed. */
    static Setting<String> secret(String name) {
        return new Setting<>(name, null, Function.identity(), value -> true, "", null);
    }

    /** A JDBC URL: shown without the user name and password it may carry. */
    static Setting<String> jdbcUrl(String name) {
        return new Setting<>(
                name,
                null,
                Function.identity(),
                url -> url.startsWith("jdbc:"),
                "it must start with 'jdbc:'",
                ConfigValues::withoutCredentials);
    }

    static Setting<Boolean> flag(String name, boolean defaultValue) {
        return of(name, defaultValue, ConfigValues::parseBoolean, value -> true, "");
    }

    static Setting<Duration> duration(String name, Duration defaultValue, Duration atLeast) {
        return duration(name, defaultValue, atLeast, defaultValue);
    }

    /**
     * @param example the value that messages suggest; the default, unless that is {@code null}
     *     (unset)
     */
    static Setting<Duration> duration(
            String name, Duration defaultValue, Duration atLeast, Duration example) {
        String from = atLeast.isZero() ? "0s" : atLeast.equals(POSITIVE) ? "1ms" : format(atLeast);
        return new Setting<>(
                name,
                defaultValue,
                ConfigValues::parseDuration,
                value -> value.compareTo(atLeast) >= 0 && value.compareTo(LONGEST) <= 0,
                "use " + from + " to " + format(LONGEST) + ", e.g. " + format(example),
                Setting::format);
    }

    private static String format(Duration duration) {
        return ConfigValues.format(duration);
    }

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
     * Reads this parameter from {@code source} alone, e.g. {@link KeyguardConfig#systemSource()}.
     *
     * @return its value, or the default when {@code source} gives {@code null} or a blank
     * @throws IllegalArgumentException naming the parameter and, unless it is secret, the value
     */
    public T read(Function<String, String> source) {
        String text = source.apply(name);
        return text == null || text.isBlank() ? defaultValue : parse(text);
    }

    /**
     * Reads a value as a person typed it: trimmed, unless it is a secret such as a password.
     *
     * @throws IllegalArgumentException naming the parameter and, unless it is secret, the value
     */
    T parse(String text) {
        T value;
        try {
            value = parser.apply(display == null ? text : text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Invalid " + name + quoted(text) + ": " + e.getMessage(), e);
        }
        return check(value);
    }

    /**
     * @return the value, if it keeps the rule ({@code null} always does)
     * @throws IllegalArgumentException naming the parameter, the value and what to use instead
     */
    T check(T value) {
        if (value != null && !rule.test(value)) {
            throw new IllegalArgumentException(
                    "Invalid " + name + quoted(show(value)) + ": " + advice);
        }
        return value;
    }

    /** The value as messages and {@code toString} show it; a secret as {@code <redacted>}. */
    String show(T value) {
        if (value == null) {
            return "unset";
        }
        return display == null ? "<redacted>" : display.apply(value);
    }

    private String quoted(String shown) {
        return display == null ? "" : " '" + shown + "'";
    }

    /** Its name. */
    @Override
    public String toString() {
        return name;
    }
}
