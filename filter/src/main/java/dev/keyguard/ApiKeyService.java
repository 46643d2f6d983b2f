package dev.keyguard;

import dev.keyguard.key.Expiry;
import dev.keyguard.key.KeyFormat;
import dev.keyguard.key.KeyHash;
import dev.keyguard.key.KeyIds;
import dev.keyguard.key.KeyNames;
import dev.keyguard.store.KeyStore;
import dev.keyguard.store.StoredKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of the key lifecycle, called by the admin API, the demo and the filter. Every
 * operation on existing keys is scoped to one organisation; there is no way to name a key of
 * another organisation. Thread-safe.
 *
 * <p>Every method may throw {@link KeyguardException} with reason {@code UNAVAILABLE} when the
 * database cannot be reached.
 */
public final class ApiKeyService {

    /** Active (not revoked, not expired) keys an organisation may have at once. */
    public static final int MAX_ACTIVE_KEYS = 10;
    static final int MAX_ORGANISATION_ID_LENGTH = 255;
    static final int MAX_USER_FIELD_LENGTH = 255;
    static final int MAX_EMAIL_LENGTH = 320;

    private final KeyStore store;
    private final KeyFormat format;
    private final Clock clock;
    private final SecureRandom random;

    ApiKeyService(KeyStore store, KeyFormat format, Clock clock, SecureRandom random) {
        this.store = store;
        this.format = format;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Creates a key for the owner's organisation.
     *
     * @param name display name; {@code null} or blank gives {@value KeyNames#DEFAULT_NAME}
     * @param expiresAt ISO 8601 date or date-time with offset in the future, or {@code null}
     * @return the key with its raw secret, which is shown this once and never stored
     * @throws KeyguardException {@code VALIDATION_ERROR} for a bad name, expiry or owner;
     *     {@code KEY_LIMIT_REACHED} when the organisation has {@value #MAX_ACTIVE_KEYS} active keys
     */
    public CreatedApiKey create(KeyOwner owner, String name, String expiresAt) {
        Instant now = now();
        checkOwner(owner);
        String validName = KeyNames.normalise(name);
        Instant expiry = Expiry.parse(expiresAt, now);
        String rawKey = format.generate(random);
        ApiKey key = new ApiKey(KeyIds.next(random), validName, format.displayPrefix(rawKey),
                owner, now, expiry, null);
        store.insertWithinLimit(new StoredKey(key, KeyHash.sha256Hex(rawKey), null),
                MAX_ACTIVE_KEYS, now);
        return new CreatedApiKey(key, rawKey);
    }

    /** The organisation's keys that are not revoked, expired ones included, newest first. */
    public List<ApiKey> list(String organisationId) {
        return store.listNotRevoked(organisationId).stream().map(StoredKey::key).toList();
    }

    /**
     * Revokes a key of the organisation, permanently.
     *
     * @throws KeyguardException {@code NOT_FOUND} if the organisation has no such key, or it is
     *     already revoked: both look exactly like an id that never existed
     */
    public void revoke(String organisationId, String keyId) {
        if (keyId == null || keyId.length() > KeyIds.MAX_LENGTH) {
            throw KeyguardException.notFound();
        }
        if (store.revoke(organisationId, keyId, now()).isEmpty()) {
            throw KeyguardException.notFound();
        }
    }

    /**
     * The key with this SHA-256 hash if it is active now; empty if it is unknown, revoked or
     * expired (the caller cannot tell which).
     */
    public Optional<ApiKey> verify(String keyHash) {
        Instant now = clock.instant();
        return store.findByHash(keyHash).filter(stored -> stored.isActiveAt(now))
                .map(StoredKey::key);
    }

    /** Records uses in one batch (the write-behind of lastUsedAt). */
    public void recordLastUsed(Map<String, Instant> lastUsedByKeyId) {
        store.recordLastUsed(lastUsedByKeyId);
    }

    /** The key format of this deployment (prefix, well-formedness, display prefix). */
    public KeyFormat format() {
        return format;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void checkOwner(KeyOwner owner) {
        String org = owner.organisationId();
        if (org.isBlank() || org.length() > MAX_ORGANISATION_ID_LENGTH || hasControl(org)) {
            throw KeyguardException.validation("organisation id must be 1 to "
                    + MAX_ORGANISATION_ID_LENGTH + " printable characters.");
        }
        KeyUser user = owner.user();
        checkUserField("user id", user.id(), MAX_USER_FIELD_LENGTH);
        checkUserField("firstName", user.firstName(), MAX_USER_FIELD_LENGTH);
        checkUserField("lastName", user.lastName(), MAX_USER_FIELD_LENGTH);
        checkUserField("email", user.email(), MAX_EMAIL_LENGTH);
    }

    private static void checkUserField(String field, String value, int maxLength) {
        if (value != null && (value.length() > maxLength || hasControl(value))) {
            throw KeyguardException.validation(field + " must be at most " + maxLength
                    + " printable characters.");
        }
    }

    private static boolean hasControl(String value) {
        return value.codePoints().anyMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.SURROGATE);
    }
}
