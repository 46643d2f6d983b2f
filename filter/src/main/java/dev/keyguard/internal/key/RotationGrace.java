package dev.keyguard.internal.key;

import java.time.Duration;

/**
 * How long an old key keeps working after a rotation: the values of {@link
 * dev.keyguard.ApiKeyService#DEFAULT_ROTATION_GRACE} and {@link
 * dev.keyguard.ApiKeyService#MAX_ROTATION_GRACE}, here so that the command line's help and checks
 * can name them without depending on the service.
 */
public final class RotationGrace {

    public static final Duration DEFAULT = Duration.ofHours(24);
    public static final Duration MAX = Duration.ofDays(30);

    private RotationGrace() {}
}
