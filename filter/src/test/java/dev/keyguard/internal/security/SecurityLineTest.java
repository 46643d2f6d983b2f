package dev.keyguard.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.keyguard.testing.SecurityEvents;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class SecurityLineTest {

    @Test
    void plainValuesAreBareAndMissingOnesAreADash() {
        String line =
                SecurityLine.of("key.refused")
                        .field("outcome", "unknown")
                        .field("org", null)
                        .field("prefix", "ll_0123456789")
                        .field("address", "2001:db8::1")
                        .field("seconds", 600)
                        .text();

        assertThat(line)
                .isEqualTo(
                        "event=key.refused outcome=unknown org=- prefix=ll_0123456789"
                                + " address=2001:db8::1 seconds=600");
    }

    @Test
    void valuesWithSpacesQuotesEqualsOrBackslashesAreQuotedAndEscaped() {
        String line =
                SecurityLine.of("csrf.refused")
                        .field("reason", "POST by u 1")
                        .field("org", "a=b")
                        .field("user", "say \"hi\" \\o/")
                        .field("dash", "-")
                        .field("empty", "")
                        .text();

        assertThat(line)
                .isEqualTo(
                        "event=csrf.refused reason=\"POST by u 1\" org=\"a=b\""
                                + " user=\"say \\\"hi\\\" \\\\o/\" dash=\"-\" empty=\"\"");
    }

    @Test
    void anOrganisationIdWithANewlineCannotStartASecondEventOrForgeAField() {
        String attack = "org-1\nevent=key.created org=victim key=key_forged";
        String forgedQuote = "x\" event=\"key.created";

        String line =
                SecurityLine.of("csrf.refused")
                        .field("org", attack)
                        .field("reason", forgedQuote)
                        .field("user", "u\r\n\u2028\u202e\u0000\u0085")
                        .text();

        assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028");
        assertThat(SecurityEvents.parse(line))
                .containsExactly(
                        entry("event", "csrf.refused"),
                        entry("org", attack),
                        entry("reason", forgedQuote),
                        entry("user", "u\r\n\u2028\u202e\u0000\u0085"));
        assertThat(line)
                .isEqualTo(
                        "event=csrf.refused org=\"org-1\\nevent=key.created org=victim"
                                + " key=key_forged\" reason=\"x\\\" event=\\\"key.created\""
                                + " user=\"u\\r\\n\\u2028\\u202e\\u0000\\u0085\"");
    }

    @Test
    void nonAsciiLettersStayReadableInQuotes() {
        assertThat(SecurityLine.of("key.created").field("org", "Müller GmbH").text())
                .isEqualTo("event=key.created org=\"Müller GmbH\"");
    }

    @Test
    void aLongValueIsCutAndSaysSo() {
        String line = SecurityLine.of("csrf.refused").field("org", "o".repeat(10_000)).text();

        assertThat(line)
                .isEqualTo(
                        "event=csrf.refused org=\""
                                + "o".repeat(SecurityLine.MAX_VALUE_LENGTH)
                                + "...\"");
    }

    @Property
    void anyValueStaysOneFieldOfOneLineAndReadsBackAsItWas(
            @ForAll @StringLength(max = 150) String org, @ForAll String user) {
        String line =
                SecurityLine.of("key.revoked")
                        .field("org", org)
                        .field("actor_user", user)
                        .field("key", "key_1")
                        .text();

        List<Map.Entry<String, String>> fields = SecurityEvents.parse(line);

        assertThat(fields)
                .extracting(Map.Entry::getKey)
                .containsExactly("event", "org", "actor_user", "key");
        assertThat(fields.get(1).getValue()).isEqualTo(org);
        if (user.length() <= SecurityLine.MAX_VALUE_LENGTH) {
            assertThat(fields.get(2).getValue()).isEqualTo(user);
        }
        assertThat(fields.get(3).getValue()).isEqualTo("key_1");
    }

    @Test
    void theFieldsAreAlsoTheEventsKeyValuePairsWithoutLineBreaks() {
        String name = "keyguard.security.test-" + UUID.randomUUID();
        try (SecurityEvents events = SecurityEvents.open(name)) {
            SecurityLine.of("key.throttled")
                    .field("address", "203.0.113.7")
                    .field("org", "a\nb")
                    .field("blocked_seconds", 600)
                    .logTo(LoggerFactory.getLogger(name), Level.INFO);

            ILoggingEvent event = events.events().get(0);
            assertThat(event.getFormattedMessage())
                    .isEqualTo(
                            "event=key.throttled address=203.0.113.7 org=\"a\\nb\""
                                    + " blocked_seconds=600");
            assertThat(event.getKeyValuePairs())
                    .extracting(pair -> pair.key, pair -> pair.value)
                    .containsExactly(
                            tuple("event", "key.throttled"),
                            tuple("address", "203.0.113.7"),
                            tuple("org", "a\\nb"),
                            tuple("blocked_seconds", 600L));
            assertThat(event.getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
        }
    }

    private static Map.Entry<String, String> entry(String name, String value) {
        return new SimpleEntry<>(name, value);
    }

    @Test
    void whereTheLoggingLibraryTakesNoKeyValuePairsTheLineGoesAlone() {
        List<String> messages = new java.util.ArrayList<>();
        // As slf4j-simple or slf4j-jdk14: SLF4J would write the pairs into the message, unquoted.
        org.slf4j.Logger plain =
                new org.slf4j.helpers.LegacyAbstractLogger() {
                    @Override
                    protected String getFullyQualifiedCallerName() {
                        return null;
                    }

                    @Override
                    protected void handleNormalizedLoggingCall(
                            org.slf4j.event.Level level,
                            org.slf4j.Marker marker,
                            String message,
                            Object[] arguments,
                            Throwable throwable) {
                        messages.add(message);
                    }

                    @Override
                    public boolean isTraceEnabled() {
                        return true;
                    }

                    @Override
                    public boolean isDebugEnabled() {
                        return true;
                    }

                    @Override
                    public boolean isInfoEnabled() {
                        return true;
                    }

                    @Override
                    public boolean isWarnEnabled() {
                        return true;
                    }

                    @Override
                    public boolean isErrorEnabled() {
                        return true;
                    }
                };

        SecurityLine.of("csrf.refused")
                .field("org", "x\" event=\"key.created")
                .logTo(plain, Level.INFO);

        assertThat(messages)
                .containsExactly("event=csrf.refused org=\"x\\\" event=\\\"key.created\"");
    }
}
