package dev.keyguard.internal.store;

import dev.keyguard.ApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.spi.StoredKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JavaType;

/** Row of {@code keyguard_api_key}; never leaves the store (see {@link StoredKey}). */
@Entity
@Table(name = "keyguard_api_key")
class ApiKeyEntity {

    @Id String id;

    @Column(name = "organisation_id", nullable = false, updatable = false)
    String organisationId;

    @Column(nullable = false, updatable = false)
    String name;

    @Column(name = "key_prefix", nullable = false, updatable = false)
    String keyPrefix;

    @Column(name = "key_hash", nullable = false, updatable = false, unique = true)
    @JavaType(SecretStringJavaType.class)
    String keyHash;

    @Column(name = "created_by_user_id", updatable = false)
    String userId;

    @Column(name = "created_by_first_name", updatable = false)
    String userFirstName;

    @Column(name = "created_by_last_name", updatable = false)
    String userLastName;

    @Column(name = "created_by_email", updatable = false)
    String userEmail;

    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    @Column(name = "expires_at")
    Instant expiresAt;

    @Column(name = "last_used_at")
    Instant lastUsedAt;

    @Column(name = "revoked_at")
    Instant revokedAt;

    /** The id of the key that replaced this one in a rotation; such a key is retiring. */
    @Column(name = "replaced_by")
    String replacedBy;

    /** Scope names separated by single spaces, {@code ""} for none; {@code null}: unrestricted. */
    @Column(name = "scopes", updatable = false)
    String scopes;

    /** Canonical CIDR blocks separated by single spaces; {@code null}: anywhere. */
    @Column(name = "allowed_ips", updatable = false)
    String allowedIps;

    protected ApiKeyEntity() {}

    static ApiKeyEntity from(StoredKey stored) {
        ApiKey key = stored.key();
        KeyUser user = key.owner().user();
        ApiKeyEntity entity = new ApiKeyEntity();
        entity.id = key.id();
        entity.organisationId = key.owner().organisationId();
        entity.name = key.name();
        entity.keyPrefix = key.keyPrefix();
        entity.keyHash = stored.hash();
        entity.userId = user.id();
        entity.userFirstName = user.firstName();
        entity.userLastName = user.lastName();
        entity.userEmail = user.email();
        entity.createdAt = key.createdAt();
        entity.expiresAt = key.expiresAt();
        entity.lastUsedAt = key.lastUsedAt();
        entity.revokedAt = stored.revokedAt();
        entity.replacedBy = stored.replacedBy();
        entity.scopes = StoredRights.scopesColumn(key.scopes());
        entity.allowedIps = StoredRights.allowedIpsColumn(key.allowedIps());
        return entity;
    }

    StoredKey toStoredKey() {
        KeyOwner owner =
                new KeyOwner(
                        organisationId,
                        new KeyUser(userId, userFirstName, userLastName, userEmail));
        return new StoredKey(
                new ApiKey(
                        id,
                        name,
                        keyPrefix,
                        owner,
                        createdAt,
                        expiresAt,
                        lastUsedAt,
                        StoredRights.scopes(id, scopes),
                        StoredRights.allowedIps(id, allowedIps)),
                keyHash,
                revokedAt,
                replacedBy);
    }
}
