package dev.keyguard.internal.web;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The group a client address is throttled as: an IPv4 address alone, an IPv6 address by its /64
 * (the smallest block a provider gives one subscriber, so one client can hold billions of its
 * addresses), and an IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) as the IPv4 address it is.
 * Reads the forms containers give {@code getRemoteAddr()}: with or without brackets, a zone id,
 * compressed or not. Never resolves a name: what is not an address literal is its own group.
 */
final class ClientAddress {

    private ClientAddress() {}

    static String group(String remoteAddr) {
        if (remoteAddr == null) {
            return "unknown";
        }
        String address = remoteAddr.strip();
        if (address.length() > 2 && address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (!isIpv6Literal(address)) {
            return address;
        }
        InetAddress parsed;
        try {
            parsed = InetAddress.getByName(address); // a literal: no name is resolved
        } catch (UnknownHostException e) {
            return address;
        }
        if (parsed instanceof Inet4Address) {
            return parsed.getHostAddress();
        }
        byte[] bytes = parsed.getAddress();
        StringBuilder prefix = new StringBuilder(24);
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
            prefix.append(':');
        }
        return prefix.append(":/64").toString();
    }

    /** Hex digits, colons and dots only (an embedded IPv4 tail), so never a host name. */
    private static boolean isIpv6Literal(String address) {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (!(Character.digit(c, 16) >= 0 && c < 128) && c != ':' && c != '.') {
                return false;
            }
        }
        return true;
    }
}
