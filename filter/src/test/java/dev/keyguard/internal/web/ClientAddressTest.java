package dev.keyguard.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void ipv4IsItsOwnGroup() {
        assertThat(ClientAddress.group("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.group(" 198.51.100.7 ")).isEqualTo("198.51.100.7");
    }

    @Test
    void ipv6IsGroupedByItsSlash64InEveryFormAContainerWrites() {
        String group = "2001:db8:1:2::/64";
        for (String form :
                new String[] {
                    "2001:db8:1:2::1",
                    "[2001:db8:1:2::1]",
                    "2001:0db8:0001:0002:0000:0000:0000:0001",
                    "2001:DB8:1:2:ffff:ffff:ffff:ffff",
                    "2001:db8:1:2::1%eth0",
                    "[2001:db8:1:2::1%25eth0]"
                }) {
            assertThat(ClientAddress.group(form)).as(form).isEqualTo(group);
        }
        assertThat(ClientAddress.group("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
        assertThat(ClientAddress.group("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
    }

    @Test
    void ipv4MappedIpv6IsTheIpv4Address() {
        assertThat(ClientAddress.group("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.group("[::ffff:198.51.100.7]")).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.group("0:0:0:0:0:ffff:c633:6407")).isEqualTo("198.51.100.7");
    }

    @Test
    void whatIsNotAnAddressLiteralIsItsOwnGroupAndNeverResolved() {
        assertThat(ClientAddress.group("proxy.example.com")).isEqualTo("proxy.example.com");
        assertThat(ClientAddress.group("unix:/run/socket")).isEqualTo("unix:/run/socket");
        assertThat(ClientAddress.group("not:an:address:zz")).isEqualTo("not:an:address:zz");
        // Tomcat's RemoteIpValve reports what a client put in X-Forwarded-For as is; InetAddress
        // would have asked the resolver about these.
        assertThat(ClientAddress.group(".::1")).isEqualTo(".::1");
        assertThat(ClientAddress.group("..:")).isEqualTo("..:");
        assertThat(ClientAddress.group(null)).isEqualTo("unknown");
    }
}
