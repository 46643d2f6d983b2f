package dev.keyguard.admin.internal.error;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Refuses, with {@code 400 bad_request}, a request whose {@code Content-Type} carries a quality
 * parameter that is not a number ({@code application/json;q=abc}), before the runtime matches it to
 * a method.
 *
 * <p>Design note: Jersey reads {@code q} even from a {@code Content-Type} while it selects the
 * resource method, and an unparseable one escapes every exception mapper: the client got Jersey's
 * bare 500. A quality means nothing in a {@code Content-Type}, so a malformed one is simply a
 * malformed request. Only requests in {@code scope} are looked at.
 */
@PreMatching
public final class ContentTypeQualityFilter implements ContainerRequestFilter {

    /** RFC 9110 section 12.4.2: "0" to "1" with at most three decimals. */
    private static final Pattern QVALUE = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");

    private final Predicate<UriInfo> scope;

    public ContentTypeQualityFilter(Predicate<UriInfo> scope) {
        this.scope = scope;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || !scope.test(request.getUriInfo())) {
            return;
        }
        for (String parameter : contentType.split(";")) {
            int equals = parameter.indexOf('=');
            if (equals < 0
                    || !parameter
                            .substring(0, equals)
                            .strip()
                            .toLowerCase(Locale.ROOT)
                            .equals("q")) {
                continue;
            }
            String value = parameter.substring(equals + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!QVALUE.matcher(value).matches()) {
                request.abortWith(ErrorResponses.of(ApiError.BAD_REQUEST));
                return;
            }
        }
    }
}
