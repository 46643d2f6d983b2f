package dev.keyguard.admin.people;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.keyguard.testing.LoggedText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Every line logged while open, Keyguard's at DEBUG, the containers' and libraries' at their
 * configured levels (java.util.logging's too, Tomcat's): each line's formatted message, arguments,
 * and exception messages.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final Logger root;
    private final Logger keyguard;
    private final Level keyguardLevel;
    private final java.util.logging.Handler julHandler =
            new java.util.logging.Handler() {
                @Override
                public void publish(java.util.logging.LogRecord record) {
                    StringBuilder text =
                            new StringBuilder(String.valueOf(record.getLoggerName()))
                                    .append(' ')
                                    .append(record.getMessage());
                    for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                        text.append(" | ").append(t);
                    }
                    lines.add(text.toString());
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };

    private LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        keyguard = context.getLogger("dev.keyguard");
        keyguardLevel = keyguard.getLevel();
        setContext(context);
    }

    public static LogCapture open() {
        LogCapture capture = new LogCapture();
        capture.keyguard.setLevel(Level.DEBUG);
        capture.start();
        capture.root.addAppender(capture);
        // Tomcat logs through java.util.logging.
        java.util.logging.Logger.getLogger("").addHandler(capture.julHandler);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(LoggedText.of(event));
    }

    public List<String> lines() {
        return new ArrayList<>(lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        java.util.logging.Logger.getLogger("").removeHandler(julHandler);
        keyguard.setLevel(keyguardLevel);
        stop();
    }
}
