package dev.keyguard.admin.internal.error;

/**
 * A failure of the HTTP layer itself (bad body, no caller): thrown by the resource, answered by
 * {@link ErrorMappers.Admin}. Core failures stay {@link dev.keyguard.KeyguardException}s.
 */
public final class AdminException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ApiError error;

    public AdminException(ApiError error) {
        this(error, error.defaultMessage());
    }

    public AdminException(ApiError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
