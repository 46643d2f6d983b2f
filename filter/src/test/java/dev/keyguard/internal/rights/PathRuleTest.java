package dev.keyguard.internal.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyguard.internal.rights.PathRule.Kind;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathRuleTest {

    @Test
    void readsMethodsPatternAndScope() {
        assertThat(PathRule.parse("GET|HEAD /leads/* leads:read"))
                .isEqualTo(
                        new PathRule(Set.of("GET", "HEAD"), Kind.FOLDER, "/leads", "leads:read"));
        assertThat(PathRule.parse("  POST   /leads  leads:write "))
                .isEqualTo(new PathRule(Set.of("POST"), Kind.EXACT, "/leads", "leads:write"));
        assertThat(PathRule.parse("* *.csv reports:read"))
                .isEqualTo(new PathRule(null, Kind.EXTENSION, ".csv", "reports:read"));
        assertThat(PathRule.parse("/* everything"))
                .isEqualTo(new PathRule(null, Kind.EVERYTHING, "", "everything"));
        assertThat(PathRule.parse("DELETE\t/a/b/* a"))
                .isEqualTo(new PathRule(Set.of("DELETE"), Kind.FOLDER, "/a/b", "a"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "leads:read",
                "GET /leads leads:read extra",
                "get /leads leads:read",
                "GET| /leads leads:read",
                "GET,POST /leads leads:read",
                "GET /leads Leads:Read",
                "GET leads leads:read",
                "GET /leads/*/x leads:read",
                "GET /leads* leads:read",
                "GET /le*ds leads:read",
                "GET /leads/** leads:read",
                "GET * leads:read",
                "GET *. leads:read",
                "GET *.c/sv leads:read",
                "GET *.c*v leads:read",
                "GET /*.csv leads:read"
            })
    void refusesWhatIsNotARule(String text) {
        assertThatThrownBy(() -> PathRule.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExactPatternMatchesThatPathAlsoWithATrailingSlashWhichJaxRsServesAlike() {
        PathRule rule = PathRule.parse("/leads leads:read");

        assertThat(rule.matches("GET", "/leads")).isTrue();
        assertThat(rule.matches("GET", "/leads/")).isTrue();
        assertThat(rule.matches("GET", "/leads//")).isTrue();
        assertThat(rule.matches("GET", "/leads/./")).isFalse();
        assertThat(rule.matches("GET", "/leads/1")).isFalse();
        assertThat(rule.matches("GET", "/leadsx")).isFalse();
        assertThat(rule.matches("GET", "/Leads")).isFalse();
    }

    @Test
    void aFolderPatternMatchesTheFolderAndEverythingBelowIt() {
        PathRule rule = PathRule.parse("/leads/* leads:read");

        assertThat(rule.matches("GET", "/leads")).isTrue();
        assertThat(rule.matches("GET", "/leads/")).isTrue();
        assertThat(rule.matches("GET", "/leads/1/notes")).isTrue();
        assertThat(rule.matches("GET", "/leadsx")).isFalse();
        assertThat(rule.matches("GET", "/leads.csv")).isFalse();
        assertThat(rule.matches("GET", "/other/leads/1")).isFalse();
    }

    @Test
    void anExtensionPatternMatchesTheLastSegmentsExtension() {
        PathRule rule = PathRule.parse("*.csv reports:read");

        assertThat(rule.matches("GET", "/reports/2026.csv")).isTrue();
        assertThat(rule.matches("GET", "/a.csv")).isTrue();
        assertThat(rule.matches("GET", "/a.csv/b")).isFalse();
        assertThat(rule.matches("GET", "/a.csvx")).isFalse();
        assertThat(rule.matches("GET", "/acsv")).isFalse();
        assertThat(rule.matches("GET", "/a.CSV")).isFalse();
    }

    @Test
    void aSlashAloneIsEveryPathAsTheDefaultServletsMappingIs() {
        PathRule rule = PathRule.parse("POST / leads:write");

        assertThat(rule.matches("POST", "/")).isTrue();
        assertThat(rule.matches("POST", "/api/v1/leads")).isTrue();
        assertThat(rule.matches("GET", "/api/v1/leads")).isFalse();
    }

    @Test
    void everythingMatchesEveryPathTheRootIncluded() {
        PathRule rule = PathRule.parse("/* all");

        assertThat(rule.matches("GET", "")).isTrue();
        assertThat(rule.matches("GET", "/")).isTrue();
        assertThat(rule.matches("PATCH", "/x/y.z")).isTrue();
    }

    @Test
    void methodsAreMatchedExactlyAnyWhenNoneOrStarIsGiven() {
        PathRule post = PathRule.parse("POST|PUT /leads/* leads:write");
        PathRule any = PathRule.parse("/leads/* leads:read");
        PathRule star = PathRule.parse("* /leads/* leads:read");

        assertThat(post.matches("POST", "/leads/1")).isTrue();
        assertThat(post.matches("PUT", "/leads/1")).isTrue();
        assertThat(post.matches("GET", "/leads/1")).isFalse();
        assertThat(post.matches("post", "/leads/1")).isFalse();
        for (String method : new String[] {"GET", "HEAD", "OPTIONS", "DELETE", "PROPFIND"}) {
            assertThat(any.matches(method, "/leads/1")).isTrue();
            assertThat(star.matches(method, "/leads/1")).isTrue();
        }
    }

    @Test
    void aRuleForGetAlsoHoldsForHeadWhichContainersAnswerWithTheGetHandler() {
        PathRule get = PathRule.parse("GET /leads/* leads:read");
        PathRule head = PathRule.parse("HEAD /leads/* leads:read");

        assertThat(get.matches("HEAD", "/leads/1")).isTrue();
        assertThat(head.matches("HEAD", "/leads/1")).isTrue();
        assertThat(head.matches("GET", "/leads/1")).isFalse();
    }
}
