package dev.keyguard.compat.host;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** The host's own entity, in the host's container-managed persistence unit. */
@Entity
public class Note {

    @Id @GeneratedValue Long id;

    String text;

    protected Note() {}

    Note(String text) {
        this.text = text;
    }
}
