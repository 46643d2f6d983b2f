package dev.keyguard.internal.local;

import dev.keyguard.ApiKey;
import dev.keyguard.Caller;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.NewKey;
import dev.keyguard.RotatedApiKey;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The key lifecycle as the commands use it: {@link dev.keyguard.ApiKeyService}'s methods that
 * record the operator as the actor, given as method references ({@code new KeyOperations(
 * service::create, service::list, service::revoke, service::rotate)}). The commands name no
 * service, so the service's package (which starts the socket) and this one do not depend on each
 * other both ways.
 */
public record KeyOperations(
        Create create,
        Function<String, List<ApiKey>> list,
        BiConsumer<String, String> revoke,
        Rotate rotate) {

    /** {@link dev.keyguard.ApiKeyService#create(Caller, NewKey)}. */
    @FunctionalInterface
    public interface Create {
        CreatedApiKey create(Caller caller, NewKey request);
    }

    /** {@link dev.keyguard.ApiKeyService#rotate(String, String, Duration)}. */
    @FunctionalInterface
    public interface Rotate {
        RotatedApiKey rotate(String organisationId, String keyId, Duration gracePeriod);
    }
}
