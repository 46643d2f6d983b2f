package dev.keyguard.internal.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.KeyguardException;
import dev.keyguard.Scopes;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeVocabularyTest {

    private final ScopeVocabulary vocabulary =
            new ScopeVocabulary(List.of("leads:write", "leads:read"));

    @Test
    void holdsTheDeclaredScopesAndKeysManage() {
        assertThat(vocabulary.contains("leads:read")).isTrue();
        assertThat(vocabulary.contains("leads:write")).isTrue();
        assertThat(vocabulary.contains(Scopes.KEYS_MANAGE)).isTrue();
        assertThat(vocabulary.contains("leads")).isFalse();
        assertThat(vocabulary.contains("admin")).isFalse();
        assertThat(vocabulary.contains(null)).isFalse();
        assertThat(new ScopeVocabulary(List.of()).contains(Scopes.KEYS_MANAGE)).isTrue();
    }

    @Test
    void acceptsUnrestrictedNoScopeAndDeclaredScopes() {
        assertThatNoException()
                .isThrownBy(
                        () -> {
                            vocabulary.check(Scopes.unrestricted());
                            vocabulary.check(Scopes.of(List.of()));
                            vocabulary.check(Scopes.of("leads:read", Scopes.KEYS_MANAGE));
                        });
    }

    @Test
    void refusesAnUndeclaredScopeListingTheDeclaredOnesButNotTheOneSent() {
        String pastedKeyHex = "0123456789abcdef".repeat(4);

        for (String undeclared : List.of("leads:delete", pastedKeyHex)) {
            assertThatThrownBy(() -> vocabulary.check(Scopes.of("leads:read", undeclared)))
                    .isInstanceOfSatisfying(
                            KeyguardException.class,
                            e ->
                                    assertThat(e.reason())
                                            .isEqualTo(KeyguardException.Reason.VALIDATION_ERROR))
                    .hasMessage(
                            "A scope is not one of this app's scopes: keys:manage, leads:read,"
                                    + " leads:write.")
                    .hasMessageNotContaining(undeclared);
        }
    }

    @Test
    void withoutDeclaredScopesOnlyKeysManageIsKnown() {
        ScopeVocabulary none = new ScopeVocabulary(List.of());

        assertThatThrownBy(() -> none.check(Scopes.of("leads:read")))
                .hasMessage("A scope is not one of this app's scopes: keys:manage.");
    }
}
