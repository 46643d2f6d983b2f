package dev.keyguard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyguard.internal.store.HibernateVersion.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which Hibernate ORM versions the store accepts. That a refused version writes nothing to the
 * database is proven with a real old hibernate-core by compat/hibernate-unsupported. Run on 7 here
 * and on 6.6 by compat/hibernate-6.6.
 */
class HibernateVersionTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "6.6.0.Final",
                "6.6.56.Final",
                "6.6.0.CR1",
                "7.0.0.Final",
                "7.1.9.Final",
                "7.4.15.Final",
                "7.9.0.Final"
            })
    void sixSixAndEverySevenAreSupported(String version) {
        assertThat(HibernateVersion.of(version)).isEqualTo(Verdict.SUPPORTED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "5.6.15.Final",
                "6.0.0.Final",
                "6.2.13.Final",
                "6.4.10.Final",
                "6.5.3.Final",
                "6.7.0.Final",
                "8.0.0.Alpha1",
                "16.6.1"
            })
    void otherVersionsAreRefused(String version) {
        assertThat(HibernateVersion.of(version)).isEqualTo(Verdict.UNSUPPORTED);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"[WORKING]", "unknown", "7", "seven.four"})
    void anUnreadableVersionIsUnknownNotRefused(String version) {
        assertThat(HibernateVersion.of(version)).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void theRefusalNamesTheLibraryTheVersionFoundAndTheVersionsSupported() {
        assertThat(HibernateVersion.refusal("6.4.10.Final", "file:/app/WEB-INF/lib/h.jar"))
                .startsWith("Keyguard needs Hibernate ORM 6.6 or 7.x; found 6.4.10.Final")
                .contains("org.hibernate.orm:hibernate-core")
                .contains("loaded from file:/app/WEB-INF/lib/h.jar")
                .contains("Nothing was written to the database");
    }

    @Test
    void theHibernateOnTheClassPathIsSupportedAndPassesTheCheck() {
        assertThat(HibernateVersion.of(HibernateVersion.found())).isEqualTo(Verdict.SUPPORTED);
        assertThat(HibernateVersion.location()).contains("hibernate-core");
        HibernateVersion.check();
    }
}
