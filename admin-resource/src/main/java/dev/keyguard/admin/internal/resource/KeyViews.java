package dev.keyguard.admin.internal.resource;

import static dev.keyguard.admin.internal.json.AdminJson.timestamp;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keyguard.ApiKey;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.IpAllowlist;
import dev.keyguard.KeyUser;
import dev.keyguard.RotatedApiKey;
import dev.keyguard.Scopes;
import java.util.List;

/** The JSON shapes of keys in responses, in the contract's property order. */
final class KeyViews {

    private KeyViews() {}

    /** A key in the list: everything but the secret, with its creator. */
    @JsonPropertyOrder({
        "id",
        "name",
        "keyPrefix",
        "lastUsedAt",
        "expiresAt",
        "createdAt",
        "user",
        "scopes",
        "allowedIps"
    })
    record Listed(
            String id,
            String name,
            String keyPrefix,
            String lastUsedAt,
            String expiresAt,
            String createdAt,
            User user,
            List<String> scopes,
            List<String> allowedIps) {

        static Listed of(ApiKey key) {
            return new Listed(
                    key.id(),
                    key.name(),
                    key.keyPrefix(),
                    timestamp(key.lastUsedAt()),
                    timestamp(key.expiresAt()),
                    timestamp(key.createdAt()),
                    User.of(key.owner().user()),
                    scopeNames(key.scopes()),
                    blocks(key.allowedIps()));
        }
    }

    /** {@code null} for unrestricted, else the names, sorted. */
    static List<String> scopeNames(Scopes scopes) {
        return scopes.isUnrestricted() ? null : scopes.names();
    }

    /** {@code null} for anywhere, else the blocks in canonical form. */
    static List<String> blocks(IpAllowlist allowedIps) {
        return allowedIps.isAnywhere() ? null : allowedIps.blocks();
    }

    @JsonPropertyOrder({"firstName", "lastName", "email"})
    record User(String firstName, String lastName, String email) {

        static User of(KeyUser user) {
            return new User(user.firstName(), user.lastName(), user.email());
        }
    }

    /** A key just created, with its raw secret: the only time the secret is shown. */
    @JsonPropertyOrder({
        "id",
        "name",
        "keyPrefix",
        "expiresAt",
        "createdAt",
        "scopes",
        "allowedIps",
        "key"
    })
    record Created(
            String id,
            String name,
            String keyPrefix,
            String expiresAt,
            String createdAt,
            List<String> scopes,
            List<String> allowedIps,
            String key) {

        static Created of(CreatedApiKey created) {
            ApiKey key = created.key();
            return new Created(
                    key.id(),
                    key.name(),
                    key.keyPrefix(),
                    timestamp(key.expiresAt()),
                    timestamp(key.createdAt()),
                    scopeNames(key.scopes()),
                    blocks(key.allowedIps()),
                    created.rawKey());
        }

        @Override
        public String toString() {
            return "Created[id=" + id + ", key=<redacted>]";
        }
    }

    /** A rotation: the new key as in {@link Created}, plus the old key and its new expiry. */
    @JsonPropertyOrder({
        "id",
        "name",
        "keyPrefix",
        "expiresAt",
        "createdAt",
        "scopes",
        "allowedIps",
        "key",
        "previousKey"
    })
    record Rotated(
            String id,
            String name,
            String keyPrefix,
            String expiresAt,
            String createdAt,
            List<String> scopes,
            List<String> allowedIps,
            String key,
            Previous previousKey) {

        static Rotated of(RotatedApiKey rotated) {
            Created created = Created.of(rotated.replacement());
            ApiKey old = rotated.retiring();
            return new Rotated(
                    created.id(),
                    created.name(),
                    created.keyPrefix(),
                    created.expiresAt(),
                    created.createdAt(),
                    created.scopes(),
                    created.allowedIps(),
                    created.key(),
                    new Previous(old.id(), timestamp(old.expiresAt())));
        }

        @Override
        public String toString() {
            return "Rotated[id=" + id + ", key=<redacted>]";
        }
    }

    @JsonPropertyOrder({"id", "expiresAt"})
    record Previous(String id, String expiresAt) {}
}
