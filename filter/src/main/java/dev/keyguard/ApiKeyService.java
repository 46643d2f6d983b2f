package dev.keyguard;

import dev.keyguard.internal.key.Expiry;
import dev.keyguard.internal.key.KeyFormat;
import dev.keyguard.internal.key.KeyHash;
import dev.keyguard.internal.key.KeyIds;
import dev.keyguard.internal.key.KeyNames;
import dev.keyguard.internal.key.RotationGrace;
import dev.keyguard.internal.observe.Observer;
import dev.keyguard.internal.rights.Rights;
import dev.keyguard.internal.rights.ScopeVocabulary;
import dev.keyguard.spi.KeyEventLog.AuditPosition;
import dev.keyguard.spi.KeyStore;
import dev.keyguard.spi.StoredKey;
import dev.keyguard.spi.UsageCount;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of the key lifecycle, called by the admin API and the host's own code. Every operation
 * on existing keys is scoped to one organisation; there is no way to name a key of another
 * organisation. Thread-safe.
 *
 * <p>Every change is recorded in the key-event log with the {@link Actor} that made it: the methods
 * without an actor record {@link Actor#operator()}. The log is the audit trail ({@link #events})
 * and how the other nodes learn of the change. A change made here is also told, once the store
 * accepted it, to what watches this Keyguard (the {@code keyguard.security} log); the other nodes
 * do not tell it again.
 *
 * <p>Every method may throw {@link KeyguardException} with reason {@code UNAVAILABLE} when the
 * database cannot be reached.
 */
public final class ApiKeyService {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyService.class);

    /** Active (not revoked, not expired) keys an organisation may have at once. */
    public static final int MAX_ACTIVE_KEYS = 10;

    /** How long the old key keeps working after a rotation, unless the caller says otherwise. */
    public static final Duration DEFAULT_ROTATION_GRACE = RotationGrace.DEFAULT;

    /** The longest grace period a rotation may give the old key. */
    public static final Duration MAX_ROTATION_GRACE = RotationGrace.MAX;

    static final int MAX_ORGANISATION_ID_LENGTH = 255;
    static final int MAX_USER_FIELD_LENGTH = 255;
    static final int MAX_EMAIL_LENGTH = 320;

    /** Events in a page of the audit trail when the caller does not say. */
    public static final int DEFAULT_EVENTS_PAGE = 50;

    /** The most events in one page of the audit trail. */
    public static final int MAX_EVENTS_PAGE = 200;

    /** Days of usage one read returns when the caller does not say. */
    public static final int DEFAULT_USAGE_DAYS = 30;

    /** The most days of usage one read returns, whatever the retention. */
    public static final int MAX_USAGE_DAYS = 366;

    private final KeyStore store;
    private final KeyFormat format;
    private final Clock clock;
    private final SecureRandom random;
    private final ScopeVocabulary vocabulary;
    private final int maxUsageDays;

    /** Told of each change once the store accepted it: the security log, metrics. */
    private final Observer observer;

    ApiKeyService(
            KeyStore store,
            KeyFormat format,
            Clock clock,
            SecureRandom random,
            ScopeVocabulary vocabulary,
            Duration usageRetention,
            Observer observer) {
        this.store = store;
        this.format = format;
        this.clock = clock;
        this.random = random;
        this.vocabulary = vocabulary;
        this.observer = observer;
        this.maxUsageDays = (int) Math.min(MAX_USAGE_DAYS, usageRetention.toDays());
    }

    /**
     * Creates a key for the owner's organisation.
     *
     * @param name display name; {@code null} or blank gives {@value KeyNames#DEFAULT_NAME}
     * @param expiresAt ISO 8601 date or date-time with offset in the future, or {@code null}
     * @return the key with its raw secret, which is shown this once and never stored
     * @throws KeyguardException {@code VALIDATION_ERROR} for a bad name, expiry or owner; {@code
     *     KEY_LIMIT_REACHED} when the organisation has {@value #MAX_ACTIVE_KEYS} active keys
     */
    public CreatedApiKey create(KeyOwner owner, String name, String expiresAt) {
        return create(owner, name, expiresAt, Actor.operator());
    }

    /** As {@link #create(KeyOwner, String, String)}, recording {@code by} as the actor. */
    public CreatedApiKey create(KeyOwner owner, String name, String expiresAt, Actor by) {
        return create(
                new Caller(owner, by, Scopes.unrestricted(), IpAllowlist.anywhere(), null),
                NewKey.named(name, expiresAt));
    }

    /**
     * Creates a key for the caller's organisation, created by the caller's owner, within the
     * caller's rights.
     *
     * @throws KeyguardException {@code INSUFFICIENT_SCOPE} without {@value Scopes#KEYS_MANAGE};
     *     {@code VALIDATION_ERROR} for a bad name, expiry or owner, or a scope the host did not
     *     declare; {@code RIGHTS_EXCEEDED} for a scope the caller lacks, an expiry later than the
     *     caller's (or none, when the caller's key expires), or addresses outside the caller's;
     *     {@code KEY_LIMIT_REACHED} when the organisation has {@value #MAX_ACTIVE_KEYS} active keys
     */
    public CreatedApiKey create(Caller caller, NewKey request) {
        requireKeysManage(caller);
        Instant now = now();
        checkOwner(caller.owner());
        String validName = KeyNames.normalise(request.name());
        Instant expiry = Expiry.parse(request.expiresAt(), now);
        Scopes scopes = request.scopes() == null ? Scopes.unrestricted() : request.scopes();
        IpAllowlist allowedIps =
                request.allowedIps() == null ? IpAllowlist.anywhere() : request.allowedIps();
        vocabulary.check(scopes);
        Rights.check(caller, scopes, allowedIps, expiry);
        Minted minted = mint(validName, caller.owner(), now, expiry, scopes, allowedIps);
        store.insertWithinLimit(minted.stored(), MAX_ACTIVE_KEYS, now, caller.actor());
        observer.keyCreated(minted.stored().key(), caller.actor());
        return minted.created();
    }

    /**
     * The caller's organisation's keys that are not revoked, expired ones included, newest first.
     *
     * @throws KeyguardException {@code INSUFFICIENT_SCOPE} without {@value Scopes#KEYS_MANAGE}
     */
    public List<ApiKey> list(Caller caller) {
        requireKeysManage(caller);
        return list(caller.organisationId());
    }

    /**
     * One key of the caller's organisation, as {@link #list} shows it.
     *
     * @throws KeyguardException {@code INSUFFICIENT_SCOPE} without {@value Scopes#KEYS_MANAGE};
     *     {@code NOT_FOUND} as for {@link #revoke}
     */
    public ApiKey get(Caller caller, String keyId) {
        requireKeysManage(caller);
        String organisationId = caller.organisationId();
        return findOrThrow(
                        keyId,
                        organisationId,
                        id ->
                                store.listNotRevoked(organisationId).stream()
                                        .filter(key -> key.id().equals(id))
                                        .findFirst())
                .key();
    }

    /** The organisation's keys that are not revoked, expired ones included, newest first. */
    public List<ApiKey> list(String organisationId) {
        return store.listNotRevoked(organisationId).stream()
                .filter(key -> ofOrganisation(key, organisationId, "list"))
                .map(StoredKey::key)
                .toList();
    }

    /**
     * Revokes a key of the organisation, permanently.
     *
     * @throws KeyguardException {@code NOT_FOUND} if the organisation has no such key, or it is
     *     already revoked: both look exactly like an id that never existed
     */
    public void revoke(String organisationId, String keyId) {
        revoke(organisationId, keyId, Actor.operator());
    }

    /** As {@link #revoke(String, String)}, recording {@code by} as the actor. */
    public void revoke(String organisationId, String keyId, Actor by) {
        StoredKey revoked =
                findOrThrow(
                        keyId, organisationId, id -> store.revoke(organisationId, id, now(), by));
        observer.keyRevoked(revoked.key(), by);
    }

    /**
     * Revokes a key of the caller's organisation, permanently; the caller's own key included.
     *
     * @throws KeyguardException {@code INSUFFICIENT_SCOPE} without {@value Scopes#KEYS_MANAGE};
     *     {@code RIGHTS_EXCEEDED} when the key has more rights than the caller (a restricted key
     *     revokes only keys within its own rights, itself included); {@code NOT_FOUND} as for
     *     {@link #revoke(String, String)}
     */
    public void revoke(Caller caller, String keyId) {
        requireKeysManage(caller);
        if (!Rights.unlimited(caller)) {
            // A key's rights never grow, so the check holds until the revocation is written.
            Rights.checkTarget(caller, get(caller, keyId), "revoke");
        }
        revoke(caller.organisationId(), keyId, caller.actor());
    }

    /**
     * Rotates a key of the organisation: creates a new key with the old key's name, creator and
     * lifetime (a key that expired 90 days after creation is replaced by one that expires 90 days
     * from now; one that never expires by one that never expires), and lets the old key expire
     * after the grace period (or at its own expiry, if that is sooner). The old key no longer
     * counts toward {@value #MAX_ACTIVE_KEYS} active keys, so rotation works at the limit.
     *
     * @param gracePeriod how long the old key keeps working: {@link Duration#ZERO} ends it now;
     *     {@code null} gives {@link #DEFAULT_ROTATION_GRACE}
     * @return the new key, shown this once, and the old key with its new expiry
     * @throws KeyguardException {@code VALIDATION_ERROR} for a negative grace period or one over
     *     {@link #MAX_ROTATION_GRACE}; {@code NOT_FOUND} as for {@link #revoke}; {@code
     *     NOT_ROTATABLE} if the key has expired or is already being replaced
     */
    public RotatedApiKey rotate(String organisationId, String keyId, Duration gracePeriod) {
        return rotate(organisationId, keyId, gracePeriod, Actor.operator());
    }

    /** As {@link #rotate(String, String, Duration)}, recording {@code by} as the actor. */
    public RotatedApiKey rotate(
            String organisationId, String keyId, Duration gracePeriod, Actor by) {
        KeyOwner anyOwner = new KeyOwner(organisationId, new KeyUser(null, null, null, null));
        return rotate(
                new Caller(anyOwner, by, Scopes.unrestricted(), IpAllowlist.anywhere(), null),
                keyId,
                Rotation.withGrace(gracePeriod));
    }

    /**
     * Rotates a key of the caller's organisation, as {@link #rotate(String, String, Duration)}
     * does, with the changes the rotation asks for; the new key keeps its creator. The old key and
     * the new key must both lie within the caller's rights, whatever the new one keeps of the old:
     * a caller whose key expires gives an {@code expiresAt} no later than its own when the old
     * key's lifetime would reach past it.
     *
     * @throws KeyguardException {@code INSUFFICIENT_SCOPE} without {@value Scopes#KEYS_MANAGE};
     *     {@code VALIDATION_ERROR} for a bad grace period, name or expiry, or a scope the host did
     *     not declare; {@code RIGHTS_EXCEEDED} when the new key would have more rights than the
     *     caller; {@code NOT_FOUND} and {@code NOT_ROTATABLE} as for {@link #rotate(String, String,
     *     Duration)}
     */
    public RotatedApiKey rotate(Caller caller, String keyId, Rotation rotation) {
        requireKeysManage(caller);
        String organisationId = caller.organisationId();
        Duration grace =
                rotation.gracePeriod() == null ? DEFAULT_ROTATION_GRACE : rotation.gracePeriod();
        if (grace.isNegative() || grace.compareTo(MAX_ROTATION_GRACE) > 0) {
            throw KeyguardException.validation(
                    "gracePeriodSeconds must be 0 to "
                            + MAX_ROTATION_GRACE.toSeconds()
                            + " (30 days).");
        }
        Instant now = now();
        String newName =
                rotation.name() == null || rotation.name().isBlank()
                        ? null
                        : KeyNames.normalise(rotation.name());
        Instant newExpiry =
                rotation.expiresAt() == null ? null : Expiry.parse(rotation.expiresAt(), now);
        if (rotation.scopes() != null) {
            vocabulary.check(rotation.scopes());
        }
        // Filled by the store's callback; a retried transaction calls it again, so the last
        // call made the key that was stored.
        AtomicReference<Minted> made = new AtomicReference<>();
        UnaryOperator<StoredKey> replacementOf =
                old -> {
                    // Never mint a key for another organisation, whatever the store hands over.
                    if (!ofOrganisation(old, organisationId, "rotate")) {
                        throw KeyguardException.notFound();
                    }
                    ApiKey oldKey = old.key();
                    Rights.checkTarget(caller, oldKey, "rotate");
                    Instant expiry = newExpiry != null ? newExpiry : sameLifetime(oldKey, now);
                    Scopes scopes = rotation.scopes() != null ? rotation.scopes() : oldKey.scopes();
                    IpAllowlist allowedIps =
                            rotation.allowedIps() != null
                                    ? rotation.allowedIps()
                                    : oldKey.allowedIps();
                    Rights.check(caller, scopes, allowedIps, expiry);
                    made.set(
                            mint(
                                    newName != null ? newName : oldKey.name(),
                                    oldKey.owner(),
                                    now,
                                    expiry,
                                    scopes,
                                    allowedIps));
                    return made.get().stored();
                };
        StoredKey retiring =
                findOrThrow(
                        keyId,
                        organisationId,
                        id ->
                                store.rotate(
                                        organisationId,
                                        id,
                                        replacementOf,
                                        now.plus(grace),
                                        MAX_ACTIVE_KEYS,
                                        now,
                                        caller.actor()));
        if (made.get() == null) {
            LOG.error(
                    "Keyguard's key store rotated key {} without asking for its replacement",
                    keyId);
            throw KeyguardException.unavailable(null);
        }
        observer.keyRotated(retiring.key(), made.get().stored().key(), grace, caller.actor());
        return new RotatedApiKey(made.get().created(), retiring.key());
    }

    /**
     * The old key's lifetime from now: a key that expired 90 days after creation is replaced by one
     * that expires 90 days from now; one that never expires by one that never expires.
     */
    private static Instant sameLifetime(ApiKey oldKey, Instant now) {
        return oldKey.expiresAt() == null
                ? null
                : Expiry.atMostLatest(
                        now.plus(Duration.between(oldKey.createdAt(), oldKey.expiresAt())));
    }

    /**
     * The requests made with a key of the caller's organisation per UTC day, for the last {@code
     * days} days: every day present (0 when there were none), oldest first, ending today. Counts
     * reach the store every {@code keyguard.last-used.flush-interval} from each node: the requests
     * of the last interval are not in it yet, on this node or any other.
     *
     * @param days 1 to the days of {@code keyguard.usage.retention}, at most {@value
     *     #MAX_USAGE_DAYS}
     * @throws KeyguardException {@code INSUFFICIENT_SCOPE} without {@value Scopes#KEYS_MANAGE};
     *     {@code NOT_FOUND} as for {@link #get}; {@code VALIDATION_ERROR} for days out of range
     */
    public KeyUsage usage(Caller caller, String keyId, int days) {
        requireKeysManage(caller);
        if (days < 1 || days > maxUsageDays) {
            throw KeyguardException.validation(
                    "days must be a whole number from 1 to " + maxUsageDays + ".");
        }
        ApiKey key = get(caller, keyId);
        LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = to.minusDays(days - 1L);
        Map<LocalDate, Long> counted = new HashMap<>();
        for (UsageCount count : store.usage(caller.organisationId(), key.id(), from, to)) {
            if (count.keyId().equals(key.id())) {
                counted.merge(count.day(), count.requests(), Long::sum);
            }
        }
        List<UsageDay> perDay = new ArrayList<>(days);
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            perDay.add(new UsageDay(day, counted.getOrDefault(day, 0L)));
        }
        return new KeyUsage(key.id(), perDay);
    }

    /**
     * The most days {@link #usage} reads back: the whole days of {@code keyguard.usage.retention},
     * at most {@value #MAX_USAGE_DAYS}.
     */
    public int maxUsageDays() {
        return maxUsageDays;
    }

    /**
     * The organisation's audit trail: every create, rotation and revocation of its keys (and
     * changes recorded by SQL), newest first, one page at a time. Times are the store's (on a
     * database, the database server's clock).
     *
     * @param cursor {@code null} for the first page, else the {@code nextCursor} of the previous
     * @param limit events per page, 1 to {@value #MAX_EVENTS_PAGE}; {@code null} gives {@value
     *     #DEFAULT_EVENTS_PAGE}
     * @throws KeyguardException {@code VALIDATION_ERROR} for a cursor not made here or a limit out
     *     of range
     */
    public KeyEventPage events(Caller caller, String cursor, Integer limit) {
        requireKeysManage(caller);
        return events(caller.organisationId(), cursor, limit);
    }

    /** As {@link #events(Caller, String, Integer)}, for an operator. */
    public KeyEventPage events(String organisationId, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_EVENTS_PAGE : limit;
        if (size < 1 || size > MAX_EVENTS_PAGE) {
            throw KeyguardException.validation("limit must be 1 to " + MAX_EVENTS_PAGE + ".");
        }
        AuditPosition after = cursor == null ? null : EventCursor.decode(cursor);
        List<KeyEvent> found = store.newestFirst(organisationId, after, size + 1);
        if (found.size() <= size) {
            return new KeyEventPage(found, null);
        }
        List<KeyEvent> page = found.subList(0, size);
        return new KeyEventPage(page, EventCursor.encode(AuditPosition.of(page.get(size - 1))));
    }

    /**
     * The one place where "no such key in this organisation" becomes {@code NOT_FOUND}: an id no
     * key can have, or an empty answer from the store (unknown, foreign or revoked alike), or a key
     * of another organisation, should a store ever return one.
     */
    private static StoredKey findOrThrow(
            String keyId, String organisationId, Function<String, Optional<StoredKey>> lookup) {
        if (!KeyIds.isPossible(keyId)) {
            throw KeyguardException.notFound();
        }
        return lookup.apply(keyId)
                .filter(key -> ofOrganisation(key, organisationId, "change"))
                .orElseThrow(KeyguardException::notFound);
    }

    /**
     * Whether a key the store returned belongs to the organisation asked for. Every store must
     * filter by organisation itself (see {@link KeyStore}); this check makes one that does not leak
     * nothing through the service, and says so in the log (by key id only).
     */
    private static boolean ofOrganisation(StoredKey key, String organisationId, String operation) {
        if (key.organisationId().equals(organisationId)) {
            return true;
        }
        LOG.error(
                "Keyguard's key store returned key {} of another organisation to a {}; it was"
                        + " withheld. The KeyStore implementation does not filter by organisation.",
                key.id(),
                operation);
        return false;
    }

    /** A new key and its secret, not yet stored. */
    private record Minted(StoredKey stored, String rawKey) {
        CreatedApiKey created() {
            return new CreatedApiKey(stored.key(), rawKey);
        }

        @Override
        public String toString() {
            return "Minted[key=" + stored.key() + ", rawKey=<redacted>]";
        }
    }

    private Minted mint(
            String name,
            KeyOwner owner,
            Instant now,
            Instant expiry,
            Scopes scopes,
            IpAllowlist allowedIps) {
        String rawKey = format.generate(random);
        ApiKey key =
                new ApiKey(
                        KeyIds.next(random),
                        name,
                        format.displayPrefix(rawKey),
                        owner,
                        now,
                        expiry,
                        null,
                        scopes,
                        allowedIps);
        return new Minted(StoredKey.of(key, KeyHash.sha256Hex(rawKey)), rawKey);
    }

    private static void requireKeysManage(Caller caller) {
        if (!caller.scopes().includes(Scopes.KEYS_MANAGE)) {
            throw KeyguardException.insufficientScope(Scopes.KEYS_MANAGE);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void checkOwner(KeyOwner owner) {
        String org = owner.organisationId();
        if (org.isBlank() || org.length() > MAX_ORGANISATION_ID_LENGTH || hasControl(org)) {
            throw KeyguardException.validation(
                    "organisation id must be 1 to "
                            + MAX_ORGANISATION_ID_LENGTH
                            + " printable characters.");
        }
        KeyUser user = owner.user();
        checkUserField("user id", user.id(), MAX_USER_FIELD_LENGTH);
        checkUserField("firstName", user.firstName(), MAX_USER_FIELD_LENGTH);
        checkUserField("lastName", user.lastName(), MAX_USER_FIELD_LENGTH);
        checkUserField("email", user.email(), MAX_EMAIL_LENGTH);
    }

    private static void checkUserField(String field, String value, int maxLength) {
        if (value != null && (value.length() > maxLength || hasControl(value))) {
            throw KeyguardException.validation(
                    field + " must be at most " + maxLength + " printable characters.");
        }
    }

    private static boolean hasControl(String value) {
        return value.codePoints()
                .anyMatch(
                        c ->
                                Character.isISOControl(c)
                                        || Character.getType(c) == Character.SURROGATE);
    }
}
