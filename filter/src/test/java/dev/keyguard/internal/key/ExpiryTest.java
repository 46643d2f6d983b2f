package dev.keyguard.internal.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.keyguard.KeyguardException;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ExpiryTest {

    private static final Instant NOW = Instant.parse("2026-05-05T09:00:00Z");

    @Test
    void missingExpiryMeansNever() {
        assertThat(Expiry.parse(null, NOW)).isNull();
    }

    @Test
    void dateIsMidnightUtc() {
        assertThat(Expiry.parse("2027-01-01", NOW))
                .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void dateTimeWithOffsetIsNormalisedToUtcAndMilliseconds() {
        assertThat(Expiry.parse("2027-01-01T12:00:00Z", NOW))
                .isEqualTo(Instant.parse("2027-01-01T12:00:00Z"));
        assertThat(Expiry.parse("2027-01-01T12:00:00+02:00", NOW))
                .isEqualTo(Instant.parse("2027-01-01T10:00:00Z"));
        assertThat(Expiry.parse("2027-01-01T12:00:00.123456789-05:30", NOW))
                .isEqualTo(Instant.parse("2027-01-01T17:30:00.123Z"));
    }

    @Test
    void pastPresentUnparsableAndFarFutureAreRefused() {
        for (String bad :
                new String[] {
                    "2020-01-01",
                    "2026-05-05T09:00:00Z",
                    "2026-05-05",
                    "2027-01-01T12:00:00",
                    "2027-13-01",
                    "2027-02-30",
                    "soon",
                    "",
                    "+10000-01-01",
                    "9999-12-31T23:59:59-01:00",
                    "2027-01-01 12:00:00Z"
                }) {
            assertThat(catchThrowable(() -> Expiry.parse(bad, NOW)))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            KeyguardException.class,
                            e ->
                                    assertThat(e.reason())
                                            .isEqualTo(KeyguardException.Reason.VALIDATION_ERROR));
        }
    }

    @Property(tries = 5_000)
    void anyStringGivesAFutureInstantOrTheValidationError(@ForAll("dateLike") String raw) {
        try {
            assertThat(Expiry.parse(raw, NOW)).isAfter(NOW);
        } catch (KeyguardException e) {
            assertThat(e.reason()).isEqualTo(KeyguardException.Reason.VALIDATION_ERROR);
        }
    }

    @Provide
    Arbitrary<String> dateLike() {
        Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<String> digitsAndPunctuation =
                Arbitraries.strings().withChars("0123456789-+:TZ.").ofMinLength(8).ofMaxLength(35);
        return Arbitraries.oneOf(anything, digitsAndPunctuation);
    }
}
