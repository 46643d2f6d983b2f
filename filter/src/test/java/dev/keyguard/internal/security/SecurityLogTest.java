package dev.keyguard.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.Actor;
import dev.keyguard.ApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.internal.observe.Outcome;
import dev.keyguard.internal.observe.Refusal;
import dev.keyguard.testing.FakeTicker;
import dev.keyguard.testing.SecurityEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecurityLogTest {

    private static final ApiKey KEY =
            new ApiKey(
                    "key_aaaaaaaaaaaaaaaaaaaa",
                    "deploy",
                    "ll_0123456789",
                    new KeyOwner("org-1", new KeyUser("user-1", null, null, null)),
                    Instant.parse("2026-05-01T00:00:00Z"),
                    Instant.parse("2026-08-01T00:00:00Z"),
                    null);
    private static final ApiKey NEW_KEY =
            new ApiKey(
                    "key_bbbbbbbbbbbbbbbbbbbb",
                    "deploy",
                    "ll_abcdefabcd",
                    KEY.owner(),
                    Instant.parse("2026-05-02T00:00:00Z"),
                    null,
                    null);

    private final String name = "keyguard.security.test-" + UUID.randomUUID();
    private final SecurityEvents events = SecurityEvents.open(name);
    private final FakeTicker ticker = new FakeTicker();
    private final SecurityLog log = new SecurityLog(LoggerFactory.getLogger(name), ticker);

    @AfterEach
    void close() {
        events.close();
    }

    private static Refusal unknown(String address) {
        return new Refusal(Outcome.UNKNOWN, null, null, "ll_0123456789", address, null);
    }

    @Test
    void eachRefusalIsOneLineWithItsFieldsInAFixedOrder() {
        log.refused(unknown("203.0.113.7"));
        log.refused(new Refusal(Outcome.REVOKED, "org-1", KEY.id(), "ll_0123456789", "::1", null));
        log.refused(new Refusal(Outcome.MALFORMED, null, null, null, "203.0.113.7", null));
        log.refused(
                new Refusal(Outcome.THROTTLED, null, null, "ll_0123456789", "10.0.0.1", "unknown"));
        log.refused(new Refusal(Outcome.IP_NOT_ALLOWED, "org-1", KEY.id(), null, "10.0.0.1", null));
        log.refused(
                new Refusal(
                        Outcome.INSUFFICIENT_SCOPE,
                        "org-1",
                        KEY.id(),
                        null,
                        "10.0.0.1",
                        "keys:manage"));
        log.scopeRefusedByHost(
                new Refusal(
                        Outcome.INSUFFICIENT_SCOPE,
                        "org-1",
                        KEY.id(),
                        null,
                        "10.0.0.1",
                        "reports:read"));
        log.refused(
                new Refusal(
                        Outcome.CSRF_FAILED, "org-1", null, null, "10.0.0.1", "POST by user-1"));
        log.throttleStarted("203.0.113.7", 600);

        assertThat(events.lines())
                .containsExactly(
                        "event=key.refused outcome=unknown org=- key=- prefix=ll_0123456789"
                                + " address=203.0.113.7 reason=-",
                        "event=key.refused outcome=revoked org=org-1 key=key_aaaaaaaaaaaaaaaaaaaa"
                                + " prefix=ll_0123456789 address=::1 reason=-",
                        "event=key.refused outcome=malformed org=- key=- prefix=-"
                                + " address=203.0.113.7 reason=-",
                        "event=key.refused outcome=throttled org=- key=- prefix=ll_0123456789"
                                + " address=10.0.0.1 reason=unknown",
                        "event=address.refused outcome=ip_not_allowed org=org-1"
                            + " key=key_aaaaaaaaaaaaaaaaaaaa prefix=- address=10.0.0.1 reason=-",
                        "event=scope.refused outcome=insufficient_scope org=org-1"
                                + " key=key_aaaaaaaaaaaaaaaaaaaa prefix=- address=10.0.0.1"
                                + " reason=keys:manage",
                        "event=scope.refused outcome=insufficient_scope org=org-1"
                                + " key=key_aaaaaaaaaaaaaaaaaaaa prefix=- address=10.0.0.1"
                                + " reason=reports:read",
                        "event=csrf.refused outcome=csrf_failed org=org-1 key=- prefix=-"
                                + " address=10.0.0.1 reason=\"POST by user-1\"",
                        "event=key.throttled address=203.0.113.7 blocked_seconds=600");
    }

    @Test
    void outagesRequestsWithoutAKeyAndValidRequestsAreNotSecurityEvents() {
        log.refused(new Refusal(Outcome.UNAVAILABLE, null, null, "ll_0123456789", "::1", "x"));
        log.outcome(Outcome.VALID);
        log.outcome(Outcome.MISSING);

        assertThat(events.lines()).isEmpty();
    }

    @Test
    void keyChangesNameTheActorTheOrganisationAndTheKeys() {
        log.keyCreated(KEY, Actor.operator());
        log.keyRotated(
                KEY,
                NEW_KEY,
                Duration.ofHours(24),
                new Actor("key_cccccccccccccccccccc", "user-1"));
        log.keyRevoked(NEW_KEY, new Actor(null, "user-2"));

        assertThat(events.lines())
                .containsExactly(
                        "event=key.created org=org-1 key=key_aaaaaaaaaaaaaaaaaaaa"
                                + " prefix=ll_0123456789 expires=2026-08-01T00:00:00Z actor_key=-"
                                + " actor_user=-",
                        "event=key.rotated org=org-1 key=key_aaaaaaaaaaaaaaaaaaaa"
                                + " new_key=key_bbbbbbbbbbbbbbbbbbbb new_prefix=ll_abcdefabcd"
                                + " grace_seconds=86400 old_expires=2026-08-01T00:00:00Z"
                                + " actor_key=key_cccccccccccccccccccc actor_user=user-1",
                        "event=key.revoked org=org-1 key=key_bbbbbbbbbbbbbbbbbbbb"
                                + " prefix=ll_abcdefabcd actor_key=- actor_user=user-2");
    }

    @Test
    void aFloodOfRefusalsIsCutToTheRateAndSummedUpOncePerInterval() {
        for (int i = 0; i < 5_000; i++) {
            log.refused(unknown("198.51.100." + (i % 250)));
        }
        assertThat(events.lines()).hasSize(SecurityLog.BURST);

        ticker.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 1_000; i++) {
            log.refused(new Refusal(Outcome.CHECKSUM, null, null, "ll_0123456789", "::1", null));
            log.throttleStarted("2001:db8:" + i + "::", 600);
        }
        assertThat(events.lines()).hasSize(SecurityLog.BURST + SecurityLog.LINES_PER_SECOND);
        assertThat(events.linesOf("log.suppressed")).as("the interval has not ended").isEmpty();

        ticker.advance(SecurityLog.SUMMARY_INTERVAL);
        events.clear();
        log.refused(unknown("192.0.2.1"));

        assertThat(events.lines())
                .containsExactly(
                        "event=log.suppressed seconds=61 total=6890 key.refused/checksum=995"
                                + " key.refused/unknown=4900 key.throttled=995",
                        "event=key.refused outcome=unknown org=- key=- prefix=ll_0123456789"
                                + " address=192.0.2.1 reason=-");
        assertThat(events.events().get(0).getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
    }

    @Test
    void keyChangesAreNeverLeftOutAndBringTheSummaryWhenDue() {
        for (int i = 0; i < SecurityLog.BURST + 5; i++) {
            log.refused(unknown("198.51.100.1"));
        }
        for (int i = 0; i < 50; i++) {
            log.keyRevoked(KEY, Actor.operator());
        }
        assertThat(events.linesOf("key.revoked")).hasSize(50);

        ticker.advance(SecurityLog.SUMMARY_INTERVAL);
        log.keyCreated(KEY, Actor.operator());

        assertThat(events.linesOf("log.suppressed"))
                .containsExactly("event=log.suppressed seconds=60 total=5 key.refused/unknown=5");
        assertThat(events.lines().get(events.lines().size() - 1)).startsWith("event=key.created ");
    }

    @Test
    void onceAFloodStopsTheHousekeepingTickSaysWhatWasLeftOutWhenTheIntervalEnds() {
        for (int i = 0; i < SecurityLog.BURST + 4; i++) {
            log.refused(unknown("198.51.100.1"));
        }
        log.tick();
        assertThat(events.linesOf("log.suppressed")).as("the interval has not ended").isEmpty();

        ticker.advance(SecurityLog.SUMMARY_INTERVAL);
        log.tick();
        log.tick();

        assertThat(events.linesOf("log.suppressed"))
                .containsExactly("event=log.suppressed seconds=60 total=4 key.refused/unknown=4");
    }

    @Test
    void whatIsLeftOutIsSummedUpWhenKeyguardCloses() {
        for (int i = 0; i < SecurityLog.BURST + 3; i++) {
            log.refused(unknown("198.51.100.1"));
        }
        ticker.advance(Duration.ofSeconds(5));

        log.closing();
        log.closing();

        assertThat(events.linesOf("log.suppressed"))
                .containsExactly("event=log.suppressed seconds=5 total=3 key.refused/unknown=3");
    }

    @Test
    void aLoggerSwitchedOffCostsNoLineAndCountsNothing() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name);
        logger.setLevel(ch.qos.logback.classic.Level.WARN);
        for (int i = 0; i < SecurityLog.BURST * 3; i++) {
            log.refused(unknown("198.51.100.1"));
        }
        log.keyCreated(KEY, Actor.operator());
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        log.closing();

        assertThat(events.lines()).isEmpty();
        log.refused(unknown("198.51.100.1"));
        assertThat(events.lines()).as("the bucket is still full").hasSize(1);
    }
}
