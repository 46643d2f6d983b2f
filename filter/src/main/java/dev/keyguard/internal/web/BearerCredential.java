package dev.keyguard.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/**
 * Takes the key from {@code Authorization: Bearer <key>} (RFC 6750 section 2.1), the only source
 * Keyguard reads: query parameters and cookies leak into logs and caches. The scheme is matched
 * without regard to case, and whitespace around the header value and the key is tolerated.
 */
final class BearerCredential {

    static final String AUTHORIZATION = "Authorization";
    private static final String SCHEME = "Bearer";

    /** Returned for a Bearer header with no usable key; fails the format check like any bad key. */
    static final String MALFORMED = "";

    private BearerCredential() {}

    /**
     * @return the presented key; {@link #MALFORMED} for an empty Bearer credential or several
     *     {@code Authorization} headers; {@code null} when the request carries no Bearer credential
     *     at all (no header, or another scheme such as Basic)
     */
    static String extract(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders(AUTHORIZATION);
        if (headers == null || !headers.hasMoreElements()) {
            return null;
        }
        String header = headers.nextElement();
        if (headers.hasMoreElements()) {
            return MALFORMED;
        }
        return fromHeader(header);
    }

    static String fromHeader(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        if (value.length() == SCHEME.length()) {
            return MALFORMED;
        }
        char separator = value.charAt(SCHEME.length());
        if (separator != ' ' && separator != '\t') {
            return null;
        }
        int start = SCHEME.length() + 1;
        while (start < value.length() && Character.isWhitespace(value.charAt(start))) {
            start++;
        }
        return value.substring(start); // one copy: the key, already stripped at its end
    }
}
