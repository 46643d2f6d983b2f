package dev.keyguard.internal.net;

import java.util.Arrays;

/**
 * IP address literals to bytes, never by resolving a name: 4 bytes for IPv4 and for an IPv4-mapped
 * IPv6 address ({@code ::ffff:192.0.2.1}, which is that IPv4 client), 16 for other IPv6. Reads the
 * forms containers give {@code getRemoteAddr()}: with or without brackets or a zone id, compressed
 * or not. Strict IPv4: four decimal parts without leading zeros (so {@code 010.0.0.1} is not read
 * as octal by one tool and decimal by another).
 */
public final class IpAddresses {

    private IpAddresses() {}

    /** The address's bytes, or {@code null} when {@code text} is not an IP address literal. */
    public static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String address = text.strip();
        if (address.length() > 2 && address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (address.indexOf(':') < 0) {
            return parseIpv4(address);
        }
        int zone = address.indexOf('%');
        if (zone >= 0) {
            if (zone == address.length() - 1) {
                return null; // '%' without a zone id
            }
            address = address.substring(0, zone);
        }
        return parseIpv6(address);
    }

    /** Four decimal parts, 0 to 255, without leading zeros; else {@code null}. */
    static byte[] parseIpv4(String address) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= address.length(); i++) {
            char c = i < address.length() ? address.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    return null; // a leading zero
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && part < 4) {
                bytes[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? bytes : null;
    }

    /**
     * An IPv6 literal (RFC 4291 section 2.2: eight groups of 1 to 4 hex digits, one {@code ::} at
     * most, possibly a strict dotted IPv4 tail), as 16 bytes, or 4 when IPv4-mapped; else {@code
     * null}. Read by hand rather than by {@code InetAddress}, which reads an IPv4 tail leniently
     * ({@code ::ffff:010.0.0.1} as 10.0.0.1), hands some text to the system's resolver, and costs
     * several times as much on the request path.
     */
    private static byte[] parseIpv6(String address) {
        int length = address.length();
        if (length < 2 || length > 45) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (address.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (address.charAt(0) == ':') {
            return null;
        }
        while (i < length) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < length && i - start < 5 && Character.digit(address.charAt(i), 16) >= 0) {
                value = (value << 4) | Character.digit(address.charAt(i), 16);
                i++;
            }
            if (i < length && address.charAt(i) == '.') {
                byte[] ipv4 = count > 6 ? null : parseIpv4(address.substring(start));
                if (ipv4 == null) {
                    return null;
                }
                groups[count++] = ((ipv4[0] & 0xff) << 8) | (ipv4[1] & 0xff);
                groups[count++] = ((ipv4[2] & 0xff) << 8) | (ipv4[3] & 0xff);
                break;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4) {
                return null;
            }
            groups[count++] = value;
            if (i == length) {
                break;
            }
            if (address.charAt(i) != ':' || ++i == length) {
                return null; // another character, or a single ':' at the end
            }
            if (address.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            }
        }
        if (gap < 0 ? count != 8 : count == 8) {
            return null;
        }
        byte[] bytes = new byte[16];
        int after = gap < 0 ? 0 : count - gap;
        for (int g = 0; g < count; g++) {
            int position = gap >= 0 && g >= gap ? 8 - after + (g - gap) : g;
            bytes[2 * position] = (byte) (groups[g] >>> 8);
            bytes[2 * position + 1] = (byte) groups[g];
        }
        return isIpv4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
    }

    /** {@code ::ffff:0:0/96}: 80 zero bits, 16 one bits, then the IPv4 address. */
    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** IPv4 dotted, IPv6 as RFC 5952 recommends: lowercase, the longest run of zeros as ::. */
    public static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff)
                    + "."
                    + (address[1] & 0xff)
                    + "."
                    + (address[2] & 0xff)
                    + "."
                    + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
