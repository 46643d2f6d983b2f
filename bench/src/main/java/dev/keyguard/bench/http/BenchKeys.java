package dev.keyguard.bench.http;

import dev.keyguard.ApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.bench.BenchDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys for the load runs, minted through Keyguard's own service in organisation {@code acme} on the
 * benchmark database (so every server variant sees them), and revoked afterwards. Keys left by an
 * interrupted run (same name) are revoked first, so the ten-key limit never bites.
 */
final class BenchKeys implements AutoCloseable {

    static final String ORGANISATION = "acme";
    private static final String NAME = "bench-load";

    private final Keyguard keyguard;
    private final List<String> raw = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();

    BenchKeys(int count) {
        keyguard =
                Keyguard.start(
                        KeyguardConfig.builder()
                                .jdbc(
                                        BenchDatabase.url(),
                                        BenchDatabase.user(),
                                        BenchDatabase.password())
                                .poolSize(2)
                                .build());
        revokeLeftovers();
        KeyOwner owner =
                new KeyOwner(
                        ORGANISATION,
                        new KeyUser("alice@acme.example", "Alice", "Smith", "alice@acme.example"));
        for (int i = 0; i < count; i++) {
            var created = keyguard.service().create(owner, NAME, null);
            raw.add(created.rawKey());
            ids.add(created.key().id());
        }
    }

    /** The raw keys. */
    List<String> raw() {
        return raw;
    }

    private void revokeLeftovers() {
        for (ApiKey key : keyguard.service().list(ORGANISATION)) {
            if (key.name().equals(NAME)) {
                keyguard.service().revoke(ORGANISATION, key.id());
            }
        }
    }

    @Override
    public void close() {
        try {
            ids.forEach(id -> keyguard.service().revoke(ORGANISATION, id));
        } finally {
            keyguard.close();
        }
    }
}
