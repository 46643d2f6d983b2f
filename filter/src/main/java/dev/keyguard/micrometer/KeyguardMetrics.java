package dev.keyguard.micrometer;

import dev.keyguard.Keyguard;
import dev.keyguard.internal.Internals;
import dev.keyguard.internal.metrics.MeterBinding;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;

/**
 * A running Keyguard's meters for a Micrometer registry of the host's choosing: {@code new
 * KeyguardMetrics(keyguard).bindTo(registry)}. The meters (docs/operations.md has the table) are
 * removed from the registry when the Keyguard closes. Keyguard also binds them to Micrometer's
 * global registry at start unless {@code keyguard.metrics.global} is {@code false}; a host that
 * binds its own registry usually switches that off.
 *
 * <p>Where the host did not start Keyguard itself (a filter declared in {@code web.xml}), the
 * running Keyguard is the servlet context attribute {@code ApiKeyFilter.CONTEXT_ATTRIBUTE} once the
 * filter is initialised. Thread-safe; binding the same Keyguard to one registry twice with the same
 * tags binds it once.
 */
public final class KeyguardMetrics implements MeterBinder {

    private final Keyguard keyguard;
    private final List<Tag> tags;

    /** The Keyguard's meters with their own tags only. */
    public KeyguardMetrics(Keyguard keyguard) {
        this(keyguard, List.of());
    }

    /**
     * The Keyguard's meters with {@code tags} added to each: to tell several Keyguards in one
     * registry apart. Never put a per-request or per-key value in a tag.
     */
    public KeyguardMetrics(Keyguard keyguard, Iterable<Tag> tags) {
        this.keyguard = Objects.requireNonNull(keyguard, "keyguard");
        java.util.ArrayList<Tag> copy = new java.util.ArrayList<>();
        tags.forEach(copy::add);
        this.tags = List.copyOf(copy);
    }

    /**
     * Registers the meters, until the Keyguard closes; none for a Keyguard that counts nothing
     * ({@code keyguard.metrics} is {@code false}), which it logs.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        MeterBinding.bind(Internals.of(keyguard), keyguard.config().clock(), registry, tags);
    }
}
