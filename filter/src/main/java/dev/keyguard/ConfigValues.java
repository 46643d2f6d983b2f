package dev.keyguard;

import dev.keyguard.internal.key.KeyFormat;
import dev.keyguard.internal.store.JdbcUrls;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reading and checking parameter values as a person types them. A message says what is wrong;
 * {@link Setting} adds the parameter's name and the value.
 */
final class ConfigValues {

    private static final Pattern EXCLUDED_PATH = Pattern.compile("/[^*\\s,]*(/\\*)?|/\\*");

    /** A servlet URL pattern: {@code /exact}, {@code /folder/*}, {@code /*}, {@code *.ext}. */
    private static final Pattern URL_PATTERN =
            Pattern.compile("/[^*\\s,]*(/\\*)?|/\\*|\\*\\.[^/*\\s,.]+");

    private ConfigValues() {}

    static boolean isUrlPattern(String pattern) {
        return URL_PATTERN.matcher(pattern).matches();
    }

    static boolean isKeyPrefix(String prefix) {
        return KeyFormat.isValidPrefix(prefix);
    }

    /** A JDBC URL without the credentials it may carry ({@link JdbcUrls}). */
    static String withoutCredentials(String url) {
        return JdbcUrls.withoutCredentials(url);
    }

    private static final Pattern CLASS_NAME =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern ORIGIN =
            Pattern.compile(
                    "https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");
    private static final Pattern MOUNT_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    static boolean isClassName(String name) {
        return CLASS_NAME.matcher(name).matches();
    }

    /** {@code scheme://host[:port]}, as a browser sends it in {@code Origin}. */
    static boolean isOrigin(String origin) {
        return ORIGIN.matcher(origin).matches();
    }

    /** A servlet path to mount under: {@code /a/b}, no trailing slash, no dot segments. */
    static boolean isMountPath(String path) {
        return MOUNT_PATH.matcher(path).matches()
                && !path.contains("/./")
                && !path.contains("/../")
                && !path.endsWith("/.")
                && !path.endsWith("/..");
    }

    static boolean isExcludedPath(String path) {
        return EXCLUDED_PATH.matcher(path).matches();
    }

    /** A duration as a person would type it: {@code 0s}, {@code 500ms}, {@code 5m}, {@code 1d}. */
    static String format(Duration duration) {
        if (duration.toNanosPart() % 1_000_000 != 0) {
            // Below a millisecond as nanoseconds; a long one with a sub-millisecond part as ISO.
            return duration.getSeconds() == 0 ? duration.getNano() + "ns" : duration.toString();
        }
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds % 60 != 0 || seconds == 0) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes % 60 != 0) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        return hours % 24 != 0 ? hours + "h" : hours / 24 + "d";
    }

    static int parseInt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
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
            throw new IllegalArgumentException(
                    "not a duration: use a whole number and ms, s, m, h or d, e.g. 5m");
        }
    }

    static List<String> parseList(String value) {
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    /** Words separated by commas and/or white space. */
    static List<String> parseWords(String value) {
        return Arrays.stream(value.split("[,\\s]+")).filter(v -> !v.isEmpty()).toList();
    }

    static boolean parseBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("use true or false");
        };
    }
}
