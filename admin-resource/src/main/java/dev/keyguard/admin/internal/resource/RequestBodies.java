package dev.keyguard.admin.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyguard.ApiKeyService;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyguardException;
import dev.keyguard.NewKey;
import dev.keyguard.Rotation;
import dev.keyguard.Scopes;
import dev.keyguard.admin.internal.error.AdminException;
import dev.keyguard.admin.internal.error.ApiError;
import dev.keyguard.admin.internal.json.JsonBody;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The input rules of the two POST bodies, in the order a client should fix them: the Content-Type
 * (415), the size (413), JSON object or not (400 {@code invalid_json}), then the type of each known
 * field (400 {@code validation_error}). Unknown fields are ignored. An absent body (no bytes, no
 * Content-Type) is the empty object. Also the audit trail's page size.
 */
final class RequestBodies {

    private RequestBodies() {}

    /**
     * The body of {@code POST /api/v1/api-keys}: {@code scopes} and {@code allowedIps} omitted or
     * {@code null} are unrestricted and anywhere.
     */
    static NewKey createKey(String contentType, JsonBody body) {
        ObjectNode object = objectOf(contentType, body);
        return new NewKey(
                optionalString(object, "name"),
                optionalString(object, "expiresAt"),
                scopes(object),
                allowedIps(object));
    }

    /**
     * The body of {@code POST .../{id}/rotate}: every field omitted keeps the old key's value (or
     * the default grace period and the old key's lifetime); {@code "scopes": null} and {@code
     * "allowedIps": null} ask for unrestricted and anywhere.
     */
    static Rotation rotation(String contentType, JsonBody body) {
        ObjectNode object = objectOf(contentType, body);
        return new Rotation(
                rotationGrace(object),
                optionalString(object, "name"),
                optionalString(object, "expiresAt"),
                object.has("scopes") ? orUnrestricted(scopes(object)) : null,
                object.has("allowedIps") ? orAnywhere(allowedIps(object)) : null);
    }

    private static Scopes orUnrestricted(Scopes scopes) {
        return scopes == null ? Scopes.unrestricted() : scopes;
    }

    private static IpAllowlist orAnywhere(IpAllowlist allowedIps) {
        return allowedIps == null ? IpAllowlist.anywhere() : allowedIps;
    }

    /** {@code scopes}: absent or {@code null} gives {@code null}; else an array of names. */
    private static Scopes scopes(ObjectNode object) {
        List<String> names = optionalStrings(object, "scopes", "scope names");
        if (names == null) {
            return null;
        }
        try {
            return Scopes.of(names);
        } catch (IllegalArgumentException e) {
            throw KeyguardException.validation("scopes: " + e.getMessage() + ".");
        }
    }

    /** {@code allowedIps}: absent or {@code null} gives {@code null}; else an array of blocks. */
    private static IpAllowlist allowedIps(ObjectNode object) {
        List<String> blocks = optionalStrings(object, "allowedIps", "CIDR blocks");
        if (blocks == null) {
            return null;
        }
        try {
            return IpAllowlist.of(blocks);
        } catch (IllegalArgumentException e) {
            throw KeyguardException.validation("allowedIps: " + e.getMessage() + ".");
        }
    }

    /** An array of strings, or {@code null} when absent or {@code null}. */
    private static List<String> optionalStrings(ObjectNode object, String field, String what) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String rule = field + " must be null or an array of " + what + " (strings).";
        if (!value.isArray()) {
            throw KeyguardException.validation(rule);
        }
        List<String> strings = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw KeyguardException.validation(rule);
            }
            strings.add(element.textValue());
        }
        return strings;
    }

    /** The grace period of a rotation; {@code null} for the default. */
    private static Duration rotationGrace(ObjectNode object) {
        JsonNode value = object.get("gracePeriodSeconds");
        if (value == null || value.isNull()) {
            return null;
        }
        long max = ApiKeyService.MAX_ROTATION_GRACE.toSeconds();
        if (!value.isIntegralNumber()
                || !value.canConvertToLong()
                || value.longValue() < 0
                || value.longValue() > max) {
            throw KeyguardException.validation(
                    "gracePeriodSeconds must be a whole number from 0 to " + max + ".");
        }
        return Duration.ofSeconds(value.longValue());
    }

    /**
     * The {@code limit} query parameter of a page: absent gives the default ({@code null}); a
     * JAX-RS integer parameter would turn "abc" into a 404, so it is read as text here.
     */
    private static final Pattern ASCII_DIGITS = Pattern.compile("[0-9]{1,9}");

    static Integer pageLimit(String limit) {
        if (limit == null) {
            return null;
        }
        // ASCII digits only: Integer.parseInt also takes "+7" and other scripts' digits.
        if (!ASCII_DIGITS.matcher(limit).matches()) {
            throw KeyguardException.validation(
                    "limit must be a whole number from 1 to "
                            + ApiKeyService.MAX_EVENTS_PAGE
                            + ".");
        }
        return Integer.valueOf(limit);
    }

    /**
     * The {@code days} of a usage read: {@link ApiKeyService#DEFAULT_USAGE_DAYS} when absent; a
     * whole number of ASCII digits, else a validation error that names the range. A number too
     * large for an int is out of range, as the service then says.
     */
    static int usageDays(String days, int maxDays) {
        if (days == null) {
            return ApiKeyService.DEFAULT_USAGE_DAYS;
        }
        if (!ASCII_DIGITS.matcher(days).matches()) {
            if (days.chars().allMatch(c -> c >= '0' && c <= '9') && !days.isEmpty()) {
                return Integer.MAX_VALUE;
            }
            throw KeyguardException.validation(
                    "days must be a whole number from 1 to " + maxDays + ".");
        }
        return Integer.parseInt(days);
    }

    private static ObjectNode objectOf(String contentType, JsonBody body) {
        JsonBody present = body == null ? JsonBody.empty() : body;
        boolean json = contentType != null && isJson(contentType);
        if (contentType == null ? present.state() != JsonBody.State.EMPTY : !json) {
            throw new AdminException(ApiError.UNSUPPORTED_MEDIA_TYPE);
        }
        return switch (present.state()) {
            case EMPTY, OBJECT -> present.object();
            case TOO_LARGE -> throw new AdminException(ApiError.PAYLOAD_TOO_LARGE);
            case NOT_AN_OBJECT -> throw new AdminException(ApiError.INVALID_JSON);
        };
    }

    /** {@code application/json}, any case, with or without parameters such as a charset. */
    private static boolean isJson(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.strip().toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static String optionalString(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw KeyguardException.validation(field + " must be a string.");
        }
        return value.textValue();
    }
}
