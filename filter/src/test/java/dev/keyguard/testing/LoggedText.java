package dev.keyguard.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * A logged event as one line of text with everything a secret could hide in: logger, message,
 * arguments, key-value pairs, MDC, and each throwable's class, message, frames and suppressed
 * messages. What the secrets-in-logs tests search.
 */
public final class LoggedText {

    private LoggedText() {}

    public static String of(ILoggingEvent event) {
        StringBuilder text =
                new StringBuilder(event.getLoggerName())
                        .append(' ')
                        .append(event.getFormattedMessage());
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                text.append(" | ").append(argument);
            }
        }
        if (event.getKeyValuePairs() != null) {
            for (org.slf4j.event.KeyValuePair pair : event.getKeyValuePairs()) {
                text.append(" | ").append(pair.key).append('=').append(pair.value);
            }
        }
        text.append(' ').append(event.getMDCPropertyMap());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                text.append(' ').append(frame.getSTEAsString());
            }
            for (IThrowableProxy suppressed : t.getSuppressed()) {
                text.append(" | suppressed ").append(suppressed.getMessage());
            }
        }
        return text.toString();
    }
}
