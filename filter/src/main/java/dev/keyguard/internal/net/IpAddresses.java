package dev.keyguard.internal.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

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

    /** An IPv6 literal, possibly with an IPv4 tail; else {@code null}. */
    private static byte[] parseIpv6(String address) {
        if (address.isEmpty() || address.length() > 45 || !isIpv6Characters(address)) {
            return null;
        }
        // InetAddress reads text that starts with a hex digit or ':' and holds a ':' as a literal
        // or refuses it; anything else (".::1") it would hand to the system's resolver.
        char first = address.charAt(0);
        if (first != ':' && Character.digit(first, 16) < 0) {
            return null;
        }
        // InetAddress reads an IPv4 tail leniently (::ffff:010.0.0.1 as 10.0.0.1): held to the
        // same strict form as IPv4 on its own.
        if (address.indexOf('.') >= 0
                && parseIpv4(address.substring(address.lastIndexOf(':') + 1)) == null) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isIpv6Characters(String address) {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            boolean hex =
                    (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && c != ':' && c != '.') {
                return false;
            }
        }
        return true;
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
