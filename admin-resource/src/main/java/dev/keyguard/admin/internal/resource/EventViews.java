package dev.keyguard.admin.internal.resource;

import static dev.keyguard.admin.internal.json.AdminJson.timestamp;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keyguard.KeyEvent;
import dev.keyguard.KeyEventPage;
import java.util.List;

/** The JSON shapes of the audit trail ({@code GET /api/v1/api-keys/events}). */
final class EventViews {

    private EventViews() {}

    /** One page: the events, newest first, and the cursor of the next page ({@code null}: last). */
    @JsonPropertyOrder({"events", "nextCursor"})
    record Page(List<Event> events, String nextCursor) {

        static Page of(KeyEventPage page) {
            return new Page(page.events().stream().map(Event::of).toList(), page.nextCursor());
        }
    }

    /** One event; {@code actor} is {@code null} for an operator or SQL. */
    @JsonPropertyOrder({"type", "keyId", "keyName", "keyPrefix", "actor", "occurredAt"})
    record Event(
            String type,
            String keyId,
            String keyName,
            String keyPrefix,
            Actor actor,
            String occurredAt) {

        static Event of(KeyEvent event) {
            dev.keyguard.Actor actor = event.actor();
            return new Event(
                    event.type().code(),
                    event.keyId(),
                    event.keyName(),
                    event.keyPrefix(),
                    actor.isOperator() ? null : new Actor(actor.keyId(), actor.userId()),
                    timestamp(event.occurredAt()));
        }
    }

    /** The key that made the change and the user who created that key (either may be null). */
    @JsonPropertyOrder({"keyId", "userId"})
    record Actor(String keyId, String userId) {}
}
