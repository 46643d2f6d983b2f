package dev.keyguard.internal.local;

import dev.keyguard.ApiKey;
import dev.keyguard.KeyUser;
import dev.keyguard.Scopes;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** {@code list}'s output: a table for people, or a JSON array for scripts. Never a secret. */
final class KeyTable {

    private static final List<String> HEADER =
            List.of(
                    "ID",
                    "NAME",
                    "PREFIX",
                    "STATUS",
                    "CREATED",
                    "EXPIRES",
                    "LAST USED",
                    "BY",
                    "SCOPES",
                    "FROM");

    private KeyTable() {}

    /** Columns aligned, two spaces apart; times in UTC to the second. */
    static void printTable(List<ApiKey> keys, Instant now, PrintStream out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ApiKey key : keys) {
            rows.add(
                    List.of(
                            key.id(),
                            key.name(),
                            key.keyPrefix() + "...",
                            key.isExpiredAt(now) ? "expired" : "active",
                            time(key.createdAt(), "-"),
                            time(key.expiresAt(), "never"),
                            time(key.lastUsedAt(), "never"),
                            by(key.owner().user()),
                            key.scopes().isUnrestricted()
                                    ? "*"
                                    : key.scopes().names().isEmpty()
                                            ? "-"
                                            : String.join(",", key.scopes().names()),
                            key.allowedIps().isAnywhere()
                                    ? "*"
                                    : String.join(",", key.allowedIps().blocks())));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - width(row.get(i)) + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /**
     * One object per key, with the admin API's field names: {@code id}, {@code name}, {@code
     * keyPrefix}, {@code organisationId}, {@code user} (who created it: the user's {@code id},
     * {@code email}, {@code firstName}, {@code lastName}), {@code createdAt}, {@code expiresAt},
     * {@code lastUsedAt} (ISO 8601 UTC or {@code null}) and {@code expired}.
     */
    static void printJson(List<ApiKey> keys, Instant now, PrintStream out) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < keys.size(); i++) {
            ApiKey key = keys.get(i);
            KeyUser user = key.owner().user();
            json.append(i == 0 ? "\n  {" : ",\n  {")
                    .append(field("id", key.id()))
                    .append(',')
                    .append(field("name", key.name()))
                    .append(',')
                    .append(field("keyPrefix", key.keyPrefix()))
                    .append(',')
                    .append(field("organisationId", key.owner().organisationId()))
                    .append(",\"user\":{")
                    .append(field("id", user.id()))
                    .append(',')
                    .append(field("email", user.email()))
                    .append(',')
                    .append(field("firstName", user.firstName()))
                    .append(',')
                    .append(field("lastName", user.lastName()))
                    .append("},")
                    .append(field("createdAt", instant(key.createdAt())))
                    .append(',')
                    .append(field("expiresAt", instant(key.expiresAt())))
                    .append(',')
                    .append(field("lastUsedAt", instant(key.lastUsedAt())))
                    .append(",\"scopes\":")
                    .append(key.scopes().isUnrestricted() ? "null" : array(key.scopes().names()))
                    .append(",\"allowedIps\":")
                    .append(
                            key.allowedIps().isAnywhere()
                                    ? "null"
                                    : array(key.allowedIps().blocks()))
                    .append(",\"expired\":")
                    .append(key.isExpiredAt(now))
                    .append('}');
        }
        out.println(json.append(keys.isEmpty() ? "]" : "\n]"));
    }

    /** When, in UTC to the second, e.g. {@code 2027-01-01T12:00:00Z}. */
    static String time(Instant instant, String ifNone) {
        return instant == null ? ifNone : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String by(KeyUser user) {
        if (user.email() != null) {
            return user.email();
        }
        return user.id() != null ? user.id() : "operator";
    }

    /** In words, for a message: {@code every scope}, {@code no scope}, {@code scopes a, b}. */
    static String scopes(Scopes scopes) {
        if (scopes.isUnrestricted()) {
            return "every scope";
        }
        return scopes.names().isEmpty()
                ? "no scope"
                : "scopes " + String.join(", ", scopes.names());
    }

    private static String array(List<String> values) {
        StringBuilder json = new StringBuilder("[");
        for (String value : values) {
            json.append(json.length() > 1 ? "," : "").append(quote(value));
        }
        return json.append(']').toString();
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String field(String name, String value) {
        return quote(name) + ":" + (value == null ? "null" : quote(value));
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
