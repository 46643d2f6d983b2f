package dev.keyguard;

/**
 * A snapshot of the host's user who created a key, stored with the key. Users belong to the host
 * app; Keyguard never looks them up, so later changes to the user do not change this snapshot.
 *
 * @param id the host's id of the user; may be {@code null} for keys minted by an operator
 * @param firstName may be {@code null}
 * @param lastName may be {@code null}
 * @param email may be {@code null}
 */
public record KeyUser(String id, String firstName, String lastName, String email) {}
