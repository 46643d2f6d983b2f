package dev.keyguard;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reading and checking parameter values as a person types them; messages name the value. */
final class ConfigValues {

    private ConfigValues() {
    }

    static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(name, value, "use a positive duration such as 5s or 5m");
        }
    }

    static void requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw invalid(name, value, "use a duration such as 0s, 1s or 5m");
        }
    }

    static IllegalArgumentException invalid(String name, Object value, String advice) {
        String shown = value instanceof Duration d ? format(d) : String.valueOf(value);
        return new IllegalArgumentException("Invalid " + name + " '" + shown + "': " + advice);
    }

    /** A duration as a person would type it: {@code 0s}, {@code 500ms}, {@code 5m}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds % 60 != 0 || seconds == 0) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        return minutes % 60 != 0 ? minutes + "m" : minutes / 60 + "h";
    }

    static int parseInt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    }

    static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
    static Duration parseDuration(String value) {
        String text = value.toLowerCase(Locale.ROOT);
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        String unit = text.substring(digits);
        try {
            long amount = Long.parseLong(text.substring(0, digits));
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + value
                    + "' is not a duration: use a whole number and ms, s, m, h or d, e.g. 5m");
        }
    }

    static List<String> parseList(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty())
                .toList();
    }

    static boolean parseBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + value + "' is not true or false");
        };
    }
}
