package dev.keyguard.spi;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Requests made with one key on one UTC day: what the usage write-behind adds to a store ({@link
 * KeyStore#recordUsage}) and what a store returns ({@link KeyStore#usage}).
 *
 * @param keyId the key's id
 * @param day the UTC day
 * @param requests requests that passed verification with the key on that day, at least 1 when added
 */
public record UsageCount(String keyId, LocalDate day, long requests) {

    public UsageCount {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(day, "day");
        if (requests < 0) {
            throw new IllegalArgumentException("requests must not be negative");
        }
    }
}
