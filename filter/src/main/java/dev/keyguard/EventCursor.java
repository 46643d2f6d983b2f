package dev.keyguard;

import dev.keyguard.internal.key.KeyIds;
import dev.keyguard.spi.KeyEventLog.AuditPosition;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque cursor of the audit trail's pages: the position of the last event of a page (its time,
 * type and key id; nothing a client does not see in the page itself, and no database id),
 * base64url-encoded with a version, so its format can change without breaking old clients' stored
 * cursors silently.
 */
final class EventCursor {

    private static final String VERSION = "1";

    private EventCursor() {}

    static String encode(AuditPosition position) {
        String text =
                VERSION
                        + ":"
                        + position.occurredAt().toEpochMilli()
                        + ":"
                        + position.type().code()
                        + ":"
                        + position.keyId();
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws KeyguardException {@code VALIDATION_ERROR} for anything but a cursor we made
     */
    static AuditPosition decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split(":", 4);
            if (parts.length != 4
                    || !parts[0].equals(VERSION)
                    || parts[3].isEmpty()
                    || parts[3].length() > KeyIds.MAX_LENGTH) {
                throw invalid();
            }
            return new AuditPosition(
                    Instant.ofEpochMilli(Long.parseLong(parts[1])),
                    parts[3],
                    KeyEvent.Type.ofCode(parts[2]));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw invalid();
        }
    }

    private static KeyguardException invalid() {
        return KeyguardException.validation(
                "cursor is not valid: pass the nextCursor of a previous page unchanged.");
    }
}
