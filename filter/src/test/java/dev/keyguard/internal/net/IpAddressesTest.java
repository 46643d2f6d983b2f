package dev.keyguard.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, 00000000",
        "10.0.0.1, 0a000001",
        "255.255.255.255, ffffffff",
        "192.0.2.10, c000020a"
    })
    void readsStrictDottedIpv4(String text, String bytes) {
        assertThat(hex(IpAddresses.parse(text))).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "010.0.0.1",
                "10.0.0.01",
                "00.0.0.0",
                "1.2.3",
                "1.2.3.4.5",
                "1.2.3.4.",
                ".1.2.3.4",
                "1..2.3",
                "256.1.1.1",
                "1.2.3.256",
                "1.2.3.-1",
                "0x0a.0.0.1",
                "167772161",
                "1.2.3.4/32",
                "localhost",
                "example.com",
                "",
                " "
            })
    void refusesAnythingElseAsIpv4(String text) {
        assertThat(IpAddresses.parse(text)).isNull();
    }

    @Test
    void nullIsNoAddress() {
        assertThat(IpAddresses.parse(null)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "::, 00000000000000000000000000000000",
        "::1, 00000000000000000000000000000001",
        "2001:db8::1, 20010db8000000000000000000000001",
        "2001:DB8:0:0:0:0:0:1, 20010db8000000000000000000000001",
        "[2001:db8::1], 20010db8000000000000000000000001",
        "fe80::1%eth0, fe800000000000000000000000000001",
        "fe80::1%2, fe800000000000000000000000000001",
        "[fe80::1%eth0], fe800000000000000000000000000001",
        "::10.0.0.1, 0000000000000000000000000a000001"
    })
    void readsIpv6AsContainersReportIt(String text, String bytes) {
        assertThat(hex(IpAddresses.parse(text))).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "::ffff:127.0.0.1",
                "::FFFF:127.0.0.1",
                "[::ffff:127.0.0.1]",
                "0:0:0:0:0:ffff:7f00:1",
                "::ffff:7f00:1"
            })
    void anIpv4MappedAddressIsItsIpv4Address(String text) {
        assertThat(hex(IpAddresses.parse(text))).isEqualTo("7f000001");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1::2::3",
                "1:2:3:4:5:6:7:8:9",
                "12345::",
                "::ffff:1.2.3",
                "::ffff:256.0.0.1",
                "::ffff:010.0.0.1",
                "::ffff:10.0.0.01",
                "g::1",
                "::1/128",
                "[::1",
                ":",
                "[]",
                "::%",
                "1::2%",
                ":1::",
                "1::2:",
                "1:2:3:4:5:6:7:8::",
                "::1:2:3:4:5:6:7:8",
                "1:2:3:4:5:6::1.2.3.4",
                "1:2:3:4:5:6:7:1.2.3.4",
                "::1.2.3.4:5",
                "::1a.2.3.4",
                "00000::1"
            })
    void refusesMalformedIpv6(String text) {
        assertThat(IpAddresses.parse(text)).isNull();
    }

    /** InetAddress would ask the system's resolver about these: they are refused before. */
    @ParameterizedTest
    @ValueSource(strings = {".::1", ".:", "..:", ".1::", "[.::1]"})
    void textThatOnlyLooksLikeAnAddressIsNoAddress(String text) {
        assertThat(IpAddresses.parse(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:db8:0:0:1:1:0:0, 2001:db8::1:1:0:0",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "1:0:0:0:0:0:0:0, 1::",
        "FE80:0:0:0:0:0:0:ABCD, fe80::abcd",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8"
    })
    void formatsIpv6AsRfc5952Recommends(String text, String formatted) {
        assertThat(IpAddresses.format(IpAddresses.parse(text))).isEqualTo(formatted);
    }

    @Test
    void formatsIpv4Dotted() {
        for (String address : List.of("0.0.0.0", "10.0.0.1", "255.255.255.255")) {
            assertThat(IpAddresses.format(IpAddresses.parse(address))).isEqualTo(address);
        }
    }
}
