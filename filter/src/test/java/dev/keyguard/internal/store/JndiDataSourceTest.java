package dev.keyguard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.keyguard.KeyOwner;
import dev.keyguard.KeyUser;
import dev.keyguard.Keyguard;
import dev.keyguard.KeyguardConfig;
import dev.keyguard.testing.TestDatabase;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host's DataSource found by its JNDI name, as a container's {@code java:comp/env} gives it.
 */
class JndiDataSourceTest {

    /** The names this test's naming "container" knows. */
    static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

    private String previousFactory;

    /** A naming context that only looks names up in {@link #BOUND}. */
    public static final class MapContextFactory implements InitialContextFactory {
        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            return (Context)
                    java.lang.reflect.Proxy.newProxyInstance(
                            Context.class.getClassLoader(),
                            new Class<?>[] {Context.class},
                            (proxy, method, args) -> {
                                if (method.getName().equals("lookup")
                                        && args[0] instanceof String name) {
                                    Object bound = BOUND.get(name);
                                    if (bound == null) {
                                        throw new NameNotFoundException(name);
                                    }
                                    return bound;
                                }
                                if (method.getName().equals("close")) {
                                    return null;
                                }
                                throw new UnsupportedOperationException(method.getName());
                            });
        }
    }

    @BeforeEach
    void installNaming() {
        previousFactory = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, MapContextFactory.class.getName());
    }

    @AfterEach
    void removeNaming() {
        if (previousFactory == null) {
            System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        } else {
            System.setProperty(Context.INITIAL_CONTEXT_FACTORY, previousFactory);
        }
        BOUND.clear();
    }

    @Test
    void keyguardUsesTheDataSourceBoundUnderTheJndiName() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(TestDatabase.h2().url());
        BOUND.put("java:comp/env/jdbc/keyguard", h2);
        KeyguardConfig config =
                KeyguardConfig.from(
                                Map.of(
                                                KeyguardConfig.DATASOURCE_JNDI.name(),
                                                "java:comp/env/jdbc/keyguard")
                                        ::get)
                        .build();

        try (Keyguard keyguard = Keyguard.start(config)) {
            keyguard.service()
                    .create(
                            new KeyOwner("acme", new KeyUser("u", "A", "B", "a@b.c")),
                            "via JNDI",
                            null);
            assertThat(keyguard.dataSource()).containsSame(h2);
        }
        assertThat(new InitialContext().lookup("java:comp/env/jdbc/keyguard")).isSameAs(h2);
    }

    @Test
    void anUnboundNameFailsTheStartAndSaysWhichName() {
        KeyguardConfig config =
                KeyguardConfig.builder().jndiName("java:comp/env/jdbc/missing").build();

        assertThatIllegalStateException()
                .isThrownBy(() -> Keyguard.start(config))
                .withMessageContaining("java:comp/env/jdbc/missing");
    }
}
