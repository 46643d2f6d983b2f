package dev.keyguard.admin.dashboard;

import dev.keyguard.KeyguardException;
import dev.keyguard.spi.KeyStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A store that can be switched to "down" ({@code /dev/outage?down=true}): the admin API's calls
 * then fail as a store whose database is unreachable does, for the dashboard's 503.
 */
final class DevOutage {

    /** What the admin API calls; the filter's background feed keeps working. */
    private static final Set<String> FAILING =
            Set.of("insertWithinLimit", "listNotRevoked", "revoke", "rotate", "newestFirst");

    private final AtomicBoolean down = new AtomicBoolean();

    KeyStore wrap(KeyStore store) {
        return (KeyStore)
                Proxy.newProxyInstance(
                        KeyStore.class.getClassLoader(),
                        new Class<?>[] {KeyStore.class},
                        (proxy, method, args) -> {
                            if (down.get() && FAILING.contains(method.getName())) {
                                throw KeyguardException.unavailable(null);
                            }
                            try {
                                return method.invoke(store, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
    }

    void set(boolean down) {
        this.down.set(down);
    }
}
