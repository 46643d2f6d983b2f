package dev.keyguard;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The requests made with one key on one UTC day.
 *
 * @param date the UTC day
 * @param requests requests that passed verification with the key that day (0 or more)
 */
public record UsageDay(LocalDate date, long requests) {

    public UsageDay {
        Objects.requireNonNull(date, "date");
    }
}
