package dev.keyguard.reliability.hostile;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile values of {@code scopes} and {@code allowedIps}, as JSON text: arrays of scope-like and
 * address-like strings (look-alikes, {@code ../}, NUL, 10,000 characters, zones, {@code ::ffff:}
 * forms, the whole address space), a pasted key, huge and nested arrays, numbers, objects, and now
 * and then a valid value. Shared by the hostile-input suites.
 */
final class HostileRights {

    private HostileRights() {}

    /**
     * @param key a raw key of the caller's, pasted now and then as a scope or a block
     * @return JSON text
     */
    static Arbitrary<String> values(String key) {
        Arbitrary<String> element =
                Arbitraries.frequencyOf(
                        Tuple.of(5, scopeLike()),
                        Tuple.of(5, addressLike()),
                        Tuple.of(1, Arbitraries.of(key, key.substring(3), key + "/24")),
                        Tuple.of(2, Arbitraries.strings().ofMaxLength(40)),
                        Tuple.of(
                                1,
                                Arbitraries.strings()
                                        .withCharRange('\u0000', '\u00ff')
                                        .ofMaxLength(20)));
        Arbitrary<String> arrays = element.list().ofMaxSize(6).map(HostileRights::array);
        // Over the 50 allowed, up to about 40 KB (the body limit is 16 KiB): short elements only.
        Arbitrary<String> huge =
                Combinators.combine(
                                Arbitraries.of("leads:read", "10.0.0.0/8", "x", "::1", ""),
                                Arbitraries.integers().between(51, 3_000))
                        .as(
                                (one, n) ->
                                        array(
                                                IntStream.range(0, n)
                                                        .mapToObj(
                                                                i ->
                                                                        i % 2 == 0
                                                                                ? one
                                                                                : "10.0."
                                                                                        + (i / 256)
                                                                                        + "."
                                                                                        + (i % 256))
                                                        .toList()));
        Arbitrary<String> nested =
                Arbitraries.integers().between(1, 2_500).map(d -> "[".repeat(d) + "]".repeat(d));
        Arbitrary<String> mixed =
                Combinators.combine(
                                element,
                                Arbitraries.of(
                                        "1",
                                        "-1",
                                        "1e400",
                                        "0.5",
                                        "null",
                                        "true",
                                        "{}",
                                        "[]",
                                        "[\"leads:read\"]",
                                        "{\"0\":\"leads:read\"}"))
                        .as((one, other) -> "[" + quote(one) + "," + other + "]");
        Arbitrary<String> shapes =
                Arbitraries.of(
                        "null",
                        "true",
                        "false",
                        "0",
                        "1",
                        "-1",
                        "1e400",
                        "127.0.0.1",
                        "{}",
                        "{\"0\":\"leads:read\"}",
                        "{\"$gt\":\"\"}",
                        "\"leads:read\"",
                        "\"0.0.0.0/0\"",
                        "\"\"",
                        "[]",
                        "[null]",
                        "[true]",
                        "[1]",
                        "[{}]",
                        "[[]]",
                        "[[\"leads:read\"]]",
                        "[[\"127.0.0.0/8\"]]",
                        "[\"leads:read\",[\"leads:write\"]]");
        Arbitrary<String> valid =
                Arbitraries.of(
                        "[\"leads:read\"]",
                        "[\"leads:write\",\"keys:manage\",\"leads:read\"]",
                        "[\"127.0.0.0/8\",\"::1\"]",
                        "[\"0.0.0.0/0\",\"::/0\"]",
                        "[\"::ffff:10.0.0.0/104\",\"2001:DB8::/32\"]");
        return Arbitraries.frequencyOf(
                Tuple.of(10, arrays),
                Tuple.of(1, huge),
                Tuple.of(1, nested),
                Tuple.of(2, mixed),
                Tuple.of(3, shapes),
                Tuple.of(2, valid));
    }

    private static Arbitrary<String> scopeLike() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "keys:manage",
                        "leads:read",
                        "leads:write",
                        "leads:delete",
                        "admin",
                        "*",
                        "",
                        " ",
                        "x".repeat(64),
                        "x".repeat(65),
                        "x".repeat(10_000),
                        "leads:re\u0430d", // Cyrillic a
                        "\u217Ceads:read", // small roman numeral fifty
                        "leads\uFF1Aread", // fullwidth colon
                        "LEADS:READ",
                        "leads:read ",
                        " leads:read",
                        "leads:read\u200b",
                        "leads:read\u0000",
                        "keys:manage\n",
                        "ke\u0000ys:manage",
                        "\u0000",
                        "../",
                        "..",
                        "../../etc/passwd",
                        "leads/../admin",
                        "leads:read/..",
                        "%00",
                        "%2e%2e%2f",
                        "\ud83d\ude00",
                        "\u202eleads:read",
                        "${jndi:ldap://127.0.0.1/a}",
                        "' OR '1'='1",
                        "leads:read,leads:write",
                        "leads:read leads:write"),
                Arbitraries.strings()
                        .withChars("abcdefghijklmnopqrstuvwxyz0123456789:._-/ A")
                        .ofMinLength(1)
                        .ofMaxLength(70));
    }

    private static Arbitrary<String> addressLike() {
        Arbitrary<String> ipv4ish =
                Combinators.combine(
                                Arbitraries.integers().between(0, 300).list().ofSize(4),
                                Arbitraries.integers().between(-1, 140).injectNull(0.3))
                        .as(
                                (parts, prefix) ->
                                        parts.stream()
                                                        .map(String::valueOf)
                                                        .collect(Collectors.joining("."))
                                                + (prefix == null ? "" : "/" + prefix));
        Arbitrary<String> ipv6ish =
                Combinators.combine(
                                Arbitraries.strings()
                                        .withChars("0123456789abcdefABCDEF:.")
                                        .ofMinLength(2)
                                        .ofMaxLength(45),
                                Arbitraries.integers().between(-1, 140).injectNull(0.3),
                                Arbitraries.of("", "", "", "%eth0", "%1", "%25eth0"))
                        .as(
                                (address, prefix, zone) ->
                                        address + zone + (prefix == null ? "" : "/" + prefix));
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "0.0.0.0/0",
                        "::/0",
                        "0.0.0.0",
                        "::",
                        "::ffff:127.0.0.1",
                        "::ffff:10.0.0.0/104",
                        "::ffff:0:0/96",
                        "::ffff:0.0.0.0/96",
                        "::FFFF:192.0.2.1",
                        "::ffff:127.0.0.1/128",
                        "::ffff:1.2.3.4/95",
                        "::ffff:010.0.0.1",
                        "0:0:0:0:0:ffff:7f00:1",
                        "fe80::1%eth0",
                        "fe80::1%25eth0",
                        "fe80::%1/64",
                        "fe80::1%eth0/64",
                        "[::1]",
                        "[::1]/128",
                        "127.0.0.1/32",
                        "127.1",
                        "0x7f.0.0.1",
                        "0177.0.0.1",
                        "2130706433",
                        "localhost",
                        "example.com",
                        "example.com/24",
                        "10.0.0.1/8",
                        "10.0.0.0/33",
                        "::1/129",
                        "1.2.3.4/-0",
                        "1.2.3.4/+8",
                        "1.2.3.4/ 8",
                        "1.2.3.4/8/8",
                        "\u0661\u0662\u0667.0.0.1", // Arabic-Indic digits
                        "\uFF11\uFF12\uFF17.0.0.1", // fullwidth digits
                        "127.0.0.1\u0000",
                        "127.0.0.1/32\n",
                        "2001:db8::/32",
                        "2001:DB8::/32",
                        "2001:db8::1/32",
                        "1:2:3:4:5:6:7:8:9",
                        ":::1",
                        "1::2::3",
                        "255.255.255.255/32",
                        "../",
                        "127.0.0.1/../0",
                        "x".repeat(10_000)),
                ipv4ish,
                ipv6ish);
    }

    static String array(List<String> strings) {
        return strings.stream()
                .map(HostileRights::quote)
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars()
                .forEach(
                        c -> {
                            if (c == '"' || c == '\\') {
                                out.append('\\').append((char) c);
                            } else if (c < 0x20) {
                                out.append(String.format("\\u%04x", c));
                            } else {
                                out.append((char) c);
                            }
                        });
        return out.append('"').toString();
    }
}
