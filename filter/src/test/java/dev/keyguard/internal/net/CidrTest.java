package dev.keyguard.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    private static boolean contains(String block, String address) {
        return Cidr.parse(block).contains(IpAddresses.parse(address));
    }

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0/0, 0.0.0.0/0",
        "10.0.0.0/8, 10.0.0.0/8",
        "192.0.2.1, 192.0.2.1/32",
        "192.0.2.1/32, 192.0.2.1/32",
        "::/0, ::/0",
        "::, ::/128",
        "2001:db8::/32, 2001:db8::/32",
        "2001:DB8:0:0:0:0:0:0/32, 2001:db8::/32",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1/128",
        "2001:db8::1/128, 2001:db8::1/128",
        "::ffff:10.0.0.0/104, 10.0.0.0/8",
        "::ffff:192.0.2.1, 192.0.2.1/32",
        "::ffff:192.0.2.1/128, 192.0.2.1/32",
        "::ffff:0.0.0.0/96, 0.0.0.0/0"
    })
    void parsesToTheCanonicalBlock(String text, String canonical) {
        assertThat(Cidr.parse(text)).hasToString(canonical);
    }

    @Test
    void aBareAddressIsTheSameBlockAsItsSlash32OrSlash128() {
        assertThat(Cidr.parse("192.0.2.1")).isEqualTo(Cidr.parse("192.0.2.1/32"));
        assertThat(Cidr.parse("2001:db8::1")).isEqualTo(Cidr.parse("2001:db8:0::1/128"));
        assertThat(Cidr.parse("::ffff:10.0.0.0/104")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("10.0.0.0/8")).isNotEqualTo(Cidr.parse("10.0.0.0/9"));
    }

    @ParameterizedTest
    @CsvSource({
        "10.1.2.3/8, 'has host bits set: the block is 10.0.0.0/8'",
        "192.0.2.1/24, 'has host bits set: the block is 192.0.2.0/24'",
        "0.0.0.1/0, 'has host bits set: the block is 0.0.0.0/0'",
        "2001:db8::1/32, 'has host bits set: the block is 2001:db8::/32'",
        "::1/0, 'has host bits set: the block is ::/0'",
        "::ffff:10.1.0.0/104, 'has host bits set: the block is 10.0.0.0/8'"
    })
    void refusesHostBitsNamingTheBlockMeant(String text, String message) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0/33",
                "2001:db8::/129",
                "10.0.0.0/",
                "10.0.0.0/-1",
                "10.0.0.0/08",
                "10.0.0.0/8/8",
                "10.0.0.0/ 8",
                "10.0.0.0/1000",
                "::ffff:10.0.0.0/95",
                "::ffff:10.0.0.0/129",
                "/8",
                "010.0.0.0/8",
                "1.2.3/24",
                "256.1.1.1",
                "fe80::1%eth0",
                "fe80::/10%eth0",
                "[2001:db8::]/32",
                "[::1]",
                "example.com/32",
                ".::1",
                "",
            })
    void refusesWhatIsNotACidrBlock(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNullAndOverlongTextWithoutEchoingIt() {
        String secret = "ll_" + "a".repeat(64);
        assertThatThrownBy(() -> Cidr.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse(secret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(secret)
                .hasMessageNotContaining("aaaa");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/" + secret)).hasMessageNotContaining("aaaa");
    }

    @Test
    void slash0HoldsEveryAddressOfItsFamilyOnly() {
        assertThat(contains("0.0.0.0/0", "255.255.255.255")).isTrue();
        assertThat(contains("0.0.0.0/0", "0.0.0.0")).isTrue();
        assertThat(contains("0.0.0.0/0", "::ffff:1.2.3.4")).as("mapped: IPv4").isTrue();
        assertThat(contains("0.0.0.0/0", "::1")).isFalse();
        assertThat(contains("::/0", "2001:db8::1")).isTrue();
        assertThat(contains("::/0", "10.0.0.1")).isFalse();
        assertThat(contains("::/0", "::ffff:10.0.0.1")).as("mapped: IPv4").isFalse();
    }

    @Test
    void slash32AndSlash128HoldOneAddress() {
        assertThat(contains("192.0.2.1/32", "192.0.2.1")).isTrue();
        assertThat(contains("192.0.2.1/32", "192.0.2.2")).isFalse();
        assertThat(contains("192.0.2.1/32", "192.0.2.0")).isFalse();
        assertThat(contains("2001:db8::1/128", "2001:db8:0:0:0:0:0:1")).isTrue();
        assertThat(contains("2001:db8::1/128", "2001:db8::2")).isFalse();
        assertThat(contains("::/128", "::")).isTrue();
        assertThat(contains("::/128", "::1")).isFalse();
    }

    @Test
    void prefixesOffAByteBoundaryCompareOnlyTheirBits() {
        assertThat(contains("10.0.0.0/9", "10.127.255.255")).isTrue();
        assertThat(contains("10.0.0.0/9", "10.128.0.0")).isFalse();
        assertThat(contains("192.0.2.128/25", "192.0.2.255")).isTrue();
        assertThat(contains("192.0.2.128/25", "192.0.2.127")).isFalse();
        assertThat(contains("2001:db8::/33", "2001:db8:7fff::1")).isTrue();
        assertThat(contains("2001:db8::/33", "2001:db8:8000::")).isFalse();
        assertThat(contains("fe80::/10", "febf::1")).isTrue();
        assertThat(contains("fe80::/10", "fec0::1")).isFalse();
    }

    @Test
    void anIpv4MappedBlockHoldsTheIpv4ClientsInIt() {
        assertThat(contains("::ffff:10.0.0.0/104", "10.9.8.7")).isTrue();
        assertThat(contains("::ffff:10.0.0.0/104", "::ffff:10.9.8.7")).isTrue();
        assertThat(contains("::ffff:10.0.0.0/104", "11.0.0.1")).isFalse();
        assertThat(contains("10.0.0.0/8", "::ffff:10.9.8.7")).isTrue();
    }

    @Test
    void aZoneIdIsNoPartOfTheClientAddress() {
        assertThat(contains("fe80::/10", "fe80::1%eth0")).isTrue();
        assertThat(contains("fe80::1", "[fe80::1%3]")).isTrue();
    }

    @Test
    void coversOnlyBlocksWhollyInside() {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertThat(ten.covers(Cidr.parse("10.0.0.0/8"))).isTrue();
        assertThat(ten.covers(Cidr.parse("10.1.0.0/16"))).isTrue();
        assertThat(ten.covers(Cidr.parse("10.255.255.255"))).isTrue();
        assertThat(ten.covers(Cidr.parse("10.0.0.0/7"))).isFalse();
        assertThat(ten.covers(Cidr.parse("11.0.0.0/16"))).isFalse();
        assertThat(ten.covers(Cidr.parse("::ffff:10.1.0.0/112"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").covers(Cidr.parse("::/0"))).isFalse();
        assertThat(Cidr.parse("::/0").covers(Cidr.parse("10.0.0.0/8"))).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").covers(Cidr.parse("2001:db8:1::/48"))).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").covers(Cidr.parse("2001:db9::/48"))).isFalse();
    }
}
