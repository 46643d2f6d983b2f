package dev.keyguard.internal.local;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One command's options, parsed: {@code --name value} or {@code --name=value} for the options that
 * take a value, {@code --name} alone for the switches. Nothing else is accepted: an unknown option,
 * a value that is missing (or is the next option), an option given twice or a stray word is a
 * {@link UsageException} that says which.
 */
public final class Arguments {

    private final Map<String, String> values;

    private Arguments(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param command the command's name, for messages
     * @param valued the options that take a value, without {@code --}
     * @param switches the options that take none, without {@code --}
     * @throws UsageException saying what is wrong
     */
    public static Arguments parse(
            String command, List<String> arguments, Set<String> valued, Set<String> switches)
            throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<String> rest = arguments.iterator();
        while (rest.hasNext()) {
            String word = rest.next();
            if (!word.startsWith("--") || word.length() == 2) {
                throw new UsageException("Unexpected argument '" + word + "'");
            }
            int equals = word.indexOf('=');
            String name = word.substring(2, equals < 0 ? word.length() : equals);
            String value;
            if (switches.contains(name) && equals < 0) {
                value = "";
            } else if (!valued.contains(name)) {
                throw new UsageException(
                        "Unknown option --" + name + (command == null ? "" : " for " + command));
            } else if (equals >= 0) {
                value = word.substring(equals + 1);
            } else {
                value = rest.hasNext() ? rest.next() : null;
                if (value == null || value.startsWith("--")) {
                    throw new UsageException("Missing value after --" + name);
                }
            }
            if (values.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return new Arguments(values);
    }

    /** The option's value, or {@code null} if it was not given. */
    public String get(String name) {
        return values.get(name);
    }

    /**
     * @throws UsageException if the option was not given, or given blank
     */
    public String required(String name, String command) throws UsageException {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException(command + " needs --" + name);
        }
        return value;
    }

    /** Whether the switch (or option) was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A command line that breaks the syntax: exit code 2, the message and the usage line. */
    public static final class UsageException extends Exception {

        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
