package dev.keyguard.admin.internal.resource;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keyguard.KeyUsage;
import java.util.List;

/**
 * The JSON shape of a key's usage ({@code GET /api/v1/api-keys/{id}/usage}): every day of the
 * range, oldest first, and their total.
 */
@JsonPropertyOrder({"keyId", "days", "total"})
record UsageView(String keyId, List<Day> days, long total) {

    static UsageView of(KeyUsage usage) {
        return new UsageView(
                usage.keyId(),
                usage.days().stream()
                        .map(day -> new Day(day.date().toString(), day.requests()))
                        .toList(),
                usage.total());
    }

    /** One UTC day, {@code YYYY-MM-DD}, and the requests made with the key on it. */
    @JsonPropertyOrder({"date", "requests"})
    record Day(String date, long requests) {}
}
