package dev.keyguard.internal.store;

import dev.keyguard.Actor;
import dev.keyguard.KeyEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * Row of {@code keyguard_key_event}, mapped for reading only: events are inserted with plain SQL
 * ({@link HibernateKeyEventLog#append}) so that the id and the time come from the database.
 */
@Entity
@Immutable
@Table(name = "keyguard_key_event")
class KeyEventEntity {

    @Id Long id;

    @Column(name = "key_id")
    String keyId;

    @Column(name = "organisation_id")
    String organisationId;

    @Column(name = "type")
    String type;

    @Column(name = "actor_key_id")
    String actorKeyId;

    @Column(name = "actor_user_id")
    String actorUserId;

    @Column(name = "occurred_at")
    Instant occurredAt;

    protected KeyEventEntity() {}

    KeyEvent toEvent(String keyName, String keyPrefix) {
        Actor actor =
                actorKeyId == null && actorUserId == null
                        ? Actor.operator()
                        : new Actor(actorKeyId, actorUserId);
        return new KeyEvent(
                KeyEvent.Type.ofCode(type), keyId, keyName, keyPrefix, actor, occurredAt);
    }
}
