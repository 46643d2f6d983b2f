package dev.keyguard.internal.key;

import dev.keyguard.KeyguardException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Parsing of a key's {@code expiresAt}. */
public final class Expiry {

    /** Beyond this, some databases (MariaDB's DATETIME) cannot store the instant. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private Expiry() {}

    /**
     * Parses an ISO 8601 date ({@code 2027-01-01}, midnight UTC) or date-time with offset ({@code
     * 2027-01-01T12:00:00+02:00}), normalised to UTC and truncated to milliseconds.
     *
     * @param raw the text, or {@code null} for "never expires"
     * @param now the current instant
     * @return the instant, or {@code null} when {@code raw} is {@code null}
     * @throws KeyguardException {@code VALIDATION_ERROR} if the text is not such a date, or not
     *     after {@code now}
     */
    public static Instant parse(String raw, Instant now) {
        if (raw == null) {
            return null;
        }
        Instant instant = parseInstant(raw.strip());
        if (instant.isAfter(LATEST)) {
            throw KeyguardException.validation("expiresAt must be before the year 10000.");
        }
        if (!instant.isAfter(now)) {
            throw KeyguardException.validation("expiresAt must be in the future.");
        }
        return instant;
    }

    /** The instant, or the latest one every database can store if it is later. */
    public static Instant atMostLatest(Instant instant) {
        return instant.isAfter(LATEST) ? LATEST : instant;
    }

    private static Instant parseInstant(String text) {
        try {
            if (text.length() <= 10) {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant()
                    .truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw KeyguardException.validation(
                    "expiresAt must be an ISO 8601 date (2027-01-01) "
                            + "or date-time with offset (2027-01-01T12:00:00Z).");
        }
    }
}
