package dev.keyguard;

import java.util.List;

/**
 * One page of an organisation's audit trail, newest event first.
 *
 * @param events at most the requested number of events
 * @param nextCursor the opaque cursor of the next (older) page, or {@code null} on the last page
 */
public record KeyEventPage(List<KeyEvent> events, String nextCursor) {

    public KeyEventPage {
        events = List.copyOf(events);
    }
}
