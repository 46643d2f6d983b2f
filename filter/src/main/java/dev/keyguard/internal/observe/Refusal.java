package dev.keyguard.internal.observe;

/**
 * A request the filter (or the container's authentication) turned away, with what the security log
 * may say about it. Never a raw key or a hash: the key is named by its id when it was found, else
 * by its display prefix. Immutable.
 *
 * @param outcome why
 * @param organisationId the key's organisation when the key was found, else {@code null}
 * @param keyId the key's id when it was found, else {@code null}
 * @param keyPrefix the key's display prefix when it was well-formed, else {@code null}
 * @param address the client's address as the container gives it
 * @param detail more for the log (e.g. the scope that was missing), or {@code null}
 */
public record Refusal(
        Outcome outcome,
        String organisationId,
        String keyId,
        String keyPrefix,
        String address,
        String detail) {}
