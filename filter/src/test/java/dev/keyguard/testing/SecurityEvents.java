package dev.keyguard.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The lines of a security log while open, each also parsed into its fields the way a SIEM reads
 * them: {@code name=value}, separated by one space, a value bare or in double quotes with {@code
 * \"}, {@code \\}, {@code \n}, {@code \r}, {@code \t} and {@code \}{@code uXXXX} escapes. The
 * parser is strict: anything else fails the test.
 */
public final class SecurityEvents implements AutoCloseable {

    private final Logger logger;
    private final Level level;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private SecurityEvents(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        level = logger.getLevel();
        appender.start();
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
    }

    /** Captures {@code keyguard.security} at INFO. */
    public static SecurityEvents open() {
        return open("keyguard.security");
    }

    /** Captures the named logger at INFO. */
    public static SecurityEvents open(String loggerName) {
        return new SecurityEvents(loggerName);
    }

    public synchronized List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** Each event's message. */
    public List<String> lines() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Each event's fields, parsed from its message. */
    public List<List<Map.Entry<String, String>>> parsed() {
        return lines().stream().map(SecurityEvents::parse).toList();
    }

    /** The lines whose {@code event} is the one named. */
    public List<String> linesOf(String event) {
        return lines().stream().filter(line -> line.startsWith("event=" + event + " ")).toList();
    }

    public void clear() {
        appender.list.clear();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(level);
        appender.stop();
    }

    /**
     * The fields of one line, in order; a missing value is {@code null} (written {@code -}).
     *
     * @throws IllegalArgumentException for a line that is not well-formed
     */
    public static List<Map.Entry<String, String>> parse(String line) {
        if (line.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a control character in: " + line);
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            if (i > 0) {
                expect(line, i++, ' ');
            }
            int equals = line.indexOf('=', i);
            if (equals <= i) {
                throw new IllegalArgumentException("no field name at " + i + ": " + line);
            }
            String name = line.substring(i, equals);
            if (!name.matches("[a-z_./]+")) {
                throw new IllegalArgumentException("bad field name '" + name + "': " + line);
            }
            i = equals + 1;
            StringBuilder value = new StringBuilder();
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i++);
                    if (c != '\\') {
                        value.append(c);
                        continue;
                    }
                    char e = line.charAt(i++);
                    switch (e) {
                        case '"', '\\' -> value.append(e);
                        case 'n' -> value.append('\n');
                        case 'r' -> value.append('\r');
                        case 't' -> value.append('\t');
                        case 'u' -> {
                            value.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> throw new IllegalArgumentException("bad escape: " + line);
                    }
                }
                i++;
                fields.add(new SimpleEntry<>(name, value.toString()));
            } else {
                int end = line.indexOf(' ', i);
                end = end < 0 ? line.length() : end;
                String bare = line.substring(i, end);
                if (bare.isEmpty() || bare.contains("\"") || bare.contains("=")) {
                    throw new IllegalArgumentException("bad bare value '" + bare + "': " + line);
                }
                fields.add(new SimpleEntry<>(name, bare.equals("-") ? null : bare));
                i = end;
            }
        }
        return fields;
    }

    private static void expect(String line, int at, char c) {
        if (at >= line.length() || line.charAt(at) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + at + ": " + line);
        }
    }
}
