package dev.keyguard.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.ApiKeyService;
import dev.keyguard.CreatedApiKey;
import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.testing.TestDatabase;
import org.hibernate.Version;
import org.junit.jupiter.api.Test;

/**
 * What this module's class path is: Hibernate ORM 6.6 with Jakarta Persistence 3.1, as a host that
 * pins 6.6 has, and not Keyguard's own 7; the filter's tests this module runs would prove nothing
 * on 7.
 */
class RunningHibernateTest {

    @Test
    void theHibernateOnTheClassPathIsSixSixWithPersistenceThreeOne() {
        assertThat(Version.getVersionString()).startsWith("6.6.");
        assertThat(Version.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .contains("hibernate-core-6.6.");
        // Jakarta Persistence 3.2 (Hibernate 7's) added PersistenceConfiguration; 3.1 has none.
        assertThatThrownBy(() -> Class.forName("jakarta.persistence.PersistenceConfiguration"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(
                        () -> Class.forName("org.hibernate.jpa.HibernatePersistenceConfiguration"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void keyguardStartsOnItAndAKeyItMintsIsValid() {
        try (Keyguard keyguard = Keyguard.start(TestDatabase.h2().config().build())) {
            ApiKeyService service = keyguard.service();
            CreatedApiKey created =
                    service.create(
                            new KeyOwner(
                                    "acme",
                                    new KeyUser("u1", "Alice", "Smith", "alice@example.com")),
                            "compat",
                            null);
            assertThat(keyguard.verify(created.rawKey())).isPresent();
        }
    }
}
