package dev.keyguard.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The hand-written IPv6 reader against the JDK's, over the forms an address is written in. */
class IpAddressesPropertiesTest {

    @Property
    void everyAddressReadsAsItsBytesInEveryFormAsTheJdkReadsIt(
            @ForAll @Size(16) byte[] random,
            @ForAll @IntRange(min = 0, max = 255) int zeroGroups,
            @ForAll boolean mapped)
            throws UnknownHostException {
        byte[] bytes = random.clone();
        for (int group = 0; group < 8; group++) {
            if ((zeroGroups & (1 << group)) != 0) {
                bytes[2 * group] = 0;
                bytes[2 * group + 1] = 0;
            }
        }
        if (mapped) {
            Arrays.fill(bytes, 0, 10, (byte) 0);
            bytes[10] = (byte) 0xff;
            bytes[11] = (byte) 0xff;
        }
        // Random bytes may make an IPv4-mapped address too (zero groups, then ffff): the JDK and
        // Keyguard both read it as its IPv4 address, whatever the flag said.
        byte[] expected = isIpv4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;

        for (String text : forms(bytes)) {
            assertThat(IpAddresses.parse(text)).as(text).isEqualTo(expected);
            // The JDK refuses a zone id on an IPv4-mapped address; a client address is read
            // without its zone here, so it is compared without it.
            String withoutZone = text.replaceFirst("%.*", "");
            assertThat(InetAddress.getByName(withoutZone).getAddress())
                    .as(text)
                    .isEqualTo(expected);
        }
    }

    /** {@code ::ffff:a.b.c.d}: ten zero bytes, then two 0xff. */
    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static List<String> forms(byte[] bytes) throws UnknownHostException {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        StringBuilder full = new StringBuilder();
        StringBuilder padded = new StringBuilder();
        StringBuilder dotted = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            String separator = i == 0 ? "" : ":";
            full.append(separator).append(Integer.toHexString(groups[i]));
            padded.append(separator).append(String.format(Locale.ROOT, "%04X", groups[i]));
            if (i < 6) {
                dotted.append(Integer.toHexString(groups[i])).append(':');
            }
        }
        dotted.append(bytes[12] & 0xff)
                .append('.')
                .append(bytes[13] & 0xff)
                .append('.')
                .append(bytes[14] & 0xff)
                .append('.')
                .append(bytes[15] & 0xff);
        String compressed = IpAddresses.format(bytes.clone());
        List<String> forms = new ArrayList<>();
        forms.add(full.toString());
        forms.add(padded.toString());
        forms.add(dotted.toString());
        forms.add(compressed);
        forms.add(compressed.toUpperCase(Locale.ROOT));
        forms.add("[" + compressed + "]");
        forms.add(compressed + "%eth0");
        forms.add(Inet6Address.getByAddress(null, bytes, null).getHostAddress());
        return forms;
    }

    /** The case CI's random run found: groups that happen to spell an IPv4-mapped address. */
    @Example
    void bytesThatHappenToBeIpv4MappedReadAsTheIpv4Address() throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        everyAddressReadsAsItsBytesInEveryFormAsTheJdkReadsIt(bytes, 0, false);
        assertThat(IpAddresses.parse("0:0:0:0:0:ffff:0:0")).containsExactly(0, 0, 0, 0);
    }

    @Property
    void whatIsReadAsIpv6TheJdkReadsTheSameAndNothingThrows(
            @ForAll
                    @Chars({
                        '0', '1', '2', '9', 'a', 'f', 'F', 'g', ':', ':', ':', '.', '%', '[', ']'
                    })
                    @StringLength(max = 45)
                    String text) {
        byte[] ours = IpAddresses.parse(text);
        if (ours == null || text.indexOf(':') < 0 || text.startsWith("[")) {
            return;
        }
        // A zone id is no part of the address here; the JDK looks it up among the interfaces.
        String withoutZone = text.replaceFirst("%.*", "");
        try {
            assertThat(InetAddress.getByName(withoutZone).getAddress()).as(text).isEqualTo(ours);
        } catch (UnknownHostException e) {
            throw new AssertionError(text + " is read here but not by the JDK", e);
        }
    }
}
