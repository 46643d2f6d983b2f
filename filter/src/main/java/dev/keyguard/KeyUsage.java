package dev.keyguard;

import java.util.List;
import java.util.Objects;

/**
 * The requests per day of one key, as {@link ApiKeyService#usage} reads them: every day of the
 * range asked for, oldest first, a day without requests as 0, the last one today (UTC).
 *
 * @param keyId the key's id
 * @param days one per day, oldest first
 */
public record KeyUsage(String keyId, List<UsageDay> days) {

    public KeyUsage {
        Objects.requireNonNull(keyId, "keyId");
        days = List.copyOf(days);
    }

    /** The requests of every day together. */
    public long total() {
        return days.stream().mapToLong(UsageDay::requests).sum();
    }
}
