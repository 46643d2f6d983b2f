package dev.keyguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopesTest {

    @Test
    void unrestrictedIncludesEveryScopeAndHasNoList() {
        Scopes all = Scopes.unrestricted();

        assertThat(all.isUnrestricted()).isTrue();
        assertThat(all.includes("leads:read")).isTrue();
        assertThat(all.includes(Scopes.KEYS_MANAGE)).isTrue();
        assertThatThrownBy(all::names).isInstanceOf(IllegalStateException.class);
        assertThat(all).hasToString("Scopes[*]");
    }

    @Test
    void noScopeIsNamedByNullNotEvenForAnUnrestrictedKey() {
        // A host asking principal.hasScope(request.getHeader(...)) without the header: an
        // unrestricted key said yes, a restricted one threw a NullPointerException.
        assertThat(Scopes.unrestricted().includes(null)).isFalse();
        assertThat(Scopes.of("leads:read").includes(null)).isFalse();
        assertThat(Scopes.of().includes(null)).isFalse();
    }

    @Test
    void aListIncludesItsNamesOnlySortedWithoutDuplicates() {
        Scopes scopes = Scopes.of("leads:write", "keys:manage", "leads:read", "leads:write");

        assertThat(scopes.isUnrestricted()).isFalse();
        assertThat(scopes.names()).containsExactly("keys:manage", "leads:read", "leads:write");
        assertThat(scopes.includes("leads:read")).isTrue();
        assertThat(scopes.includes("leads")).isFalse();
        assertThat(scopes.includes("leads:read:all")).isFalse();
        assertThat(scopes).hasToString("Scopes[keys:manage, leads:read, leads:write]");
    }

    @Test
    void anEmptyListIsAKeyWithNoScope() {
        Scopes none = Scopes.of(List.of());

        assertThat(none.isUnrestricted()).isFalse();
        assertThat(none.names()).isEmpty();
        assertThat(none.includes(Scopes.KEYS_MANAGE)).isFalse();
        assertThat(none).isNotEqualTo(Scopes.unrestricted());
    }

    @Test
    void equalWhenTheyAllowTheSame() {
        assertThat(Scopes.of("b", "a"))
                .isEqualTo(Scopes.of("a", "b", "a"))
                .hasSameHashCodeAs(Scopes.of("a", "b"));
        assertThat(Scopes.of("a")).isNotEqualTo(Scopes.of("a", "b"));
        assertThat(Scopes.unrestricted()).isEqualTo(Scopes.unrestricted());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "leads:read", "a.b_c-d:e", "keys:manage"})
    void wellFormedNames(String name) {
        assertThat(Scopes.isScopeName(name)).isTrue();
        assertThat(Scopes.of(name).names()).containsExactly(name);
    }

    @Test
    void sixtyFourCharactersAtMost() {
        assertThat(Scopes.isScopeName("a".repeat(64))).isTrue();
        assertThat(Scopes.isScopeName("a".repeat(65))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Leads:read",
                ":read",
                "-a",
                ".a",
                "_a",
                "a b",
                "a,b",
                "a/b",
                "é",
                "a\n"
            })
    void malformedNamesAreRefusedWithoutBeingEchoed(String name) {
        assertThat(Scopes.isScopeName(name)).isFalse();
        assertThatThrownBy(() -> Scopes.of("ok", name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("scope 2 is not a scope name");
    }

    @Test
    void aNullNameIsRefused() {
        assertThat(Scopes.isScopeName(null)).isFalse();
        assertThatThrownBy(() -> Scopes.of(Arrays.asList("a", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fiftyScopesAtMostCountedAsGivenDuplicatesIncluded() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Scopes.MAX_SCOPES; i++) {
            names.add("s" + i);
        }
        assertThat(Scopes.of(names).names()).hasSize(50);

        names.add("s0");
        assertThatThrownBy(() -> Scopes.of(names))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 50");
    }

    @Test
    void coversWhatGrantsNothingMore() {
        Scopes leads = Scopes.of("leads:read", "leads:write");

        assertThat(Scopes.unrestricted().covers(Scopes.unrestricted())).isTrue();
        assertThat(Scopes.unrestricted().covers(leads)).isTrue();
        assertThat(leads.covers(Scopes.unrestricted())).isFalse();
        assertThat(leads.covers(leads)).isTrue();
        assertThat(leads.covers(Scopes.of("leads:read"))).isTrue();
        assertThat(leads.covers(Scopes.of(List.of()))).isTrue();
        assertThat(leads.covers(Scopes.of("leads:read", "keys:manage"))).isFalse();
        assertThat(Scopes.of(List.of()).covers(Scopes.of(List.of()))).isTrue();
    }
}
