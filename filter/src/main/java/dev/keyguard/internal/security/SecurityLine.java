package dev.keyguard.internal.security;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One line of the security log: {@code event=key.refused outcome=unknown org=- ...}, its fields in
 * the order they were added, each also a key-value pair of the SLF4J event for encoders that write
 * fields (JSON). Not thread-safe; made, logged and dropped by one thread.
 *
 * <p>Design note. Values come partly from outside (organisation and user ids from the host, the
 * client's address), so no value may end the line or forge a field. A value of printable ASCII
 * without space, {@code "}, {@code =} or {@code \} is written bare; any other is quoted, with
 * {@code "} and {@code \} escaped by a backslash, line breaks and tabs as {@code \n}, {@code \r},
 * {@code \t}, and every other control or invisible formatting character (bidirectional overrides,
 * line and paragraph separators, lone surrogates) as {@code \}{@code uXXXX}. A missing value is a
 * bare {@code -}; the value {@code "-"} itself is quoted. Values are cut to {@value
 * #MAX_VALUE_LENGTH} characters (ending in {@code ...}, quoted). The key-value pairs carry the
 * value cut and with the same escapes of control characters, but not quoted: a JSON encoder quotes
 * them itself.
 */
final class SecurityLine {

    /** The longest value written; a host's organisation id may be anything. */
    static final int MAX_VALUE_LENGTH = 200;

    private static final String ABSENT = "-";

    private final StringBuilder text = new StringBuilder(160);
    private final List<String> names = new ArrayList<>(8);
    private final List<Object> values = new ArrayList<>(8);

    private SecurityLine(String event) {
        field("event", event);
    }

    /** A line for the event, e.g. {@code key.refused}. */
    static SecurityLine of(String event) {
        return new SecurityLine(event);
    }

    /** Adds {@code name=value}; {@code null} is written {@code -}. */
    SecurityLine field(String name, String value) {
        separate(name);
        if (value == null) {
            text.append(ABSENT);
            values.add(ABSENT);
            return this;
        }
        String cut = cut(value);
        if (cut.length() == value.length() && isBare(value)) {
            text.append(value);
        } else {
            text.append('"');
            escape(cut, true, text);
            if (cut.length() < value.length()) {
                text.append("...");
            }
            text.append('"');
        }
        StringBuilder pair = new StringBuilder(cut.length());
        escape(cut, false, pair);
        values.add(cut.length() < value.length() ? pair.append("...").toString() : pair.toString());
        return this;
    }

    /** Adds {@code name=value} for a number. */
    SecurityLine field(String name, long value) {
        separate(name);
        text.append(value);
        values.add(value);
        return this;
    }

    private void separate(String name) {
        if (!names.isEmpty()) {
            text.append(' ');
        }
        text.append(name).append('=');
        names.add(name);
    }

    /** The line as text. */
    String text() {
        return text.toString();
    }

    /**
     * Logs the line, its fields also as the event's key-value pairs where the logging library takes
     * them as such (logback). Elsewhere SLF4J would write the pairs into the message itself,
     * unquoted, before the line: there the line goes alone.
     */
    void logTo(Logger log, Level level) {
        if (!(log instanceof LoggingEventAware)) {
            log.atLevel(level).log(text());
            return;
        }
        LoggingEventBuilder event = log.atLevel(level);
        for (int i = 0; i < names.size(); i++) {
            event = event.addKeyValue(names.get(i), values.get(i));
        }
        event.log(text());
    }

    private static boolean isBare(String value) {
        if (value.isEmpty() || value.equals(ABSENT)) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '"' || c == '=' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** At most {@link #MAX_VALUE_LENGTH} characters, never half a surrogate pair. */
    private static String cut(String value) {
        if (value.length() <= MAX_VALUE_LENGTH) {
            return value;
        }
        int end = MAX_VALUE_LENGTH;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }

    private static void escape(String value, boolean quoted, StringBuilder out) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '"', '\\' -> {
                    if (quoted) {
                        out.append('\\');
                    }
                    out.append((char) c);
                }
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isInvisible(c)) {
                        for (char unit : Character.toChars(c)) {
                            out.append(String.format("\\u%04x", (int) unit));
                        }
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
    }

    /** Control and formatting characters, line separators, lone surrogates: never written. */
    private static boolean isInvisible(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE,
                    Character.UNASSIGNED,
                    Character.PRIVATE_USE ->
                    true;
            default -> false;
        };
    }
}
