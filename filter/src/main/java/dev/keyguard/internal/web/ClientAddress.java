package dev.keyguard.internal.web;

import dev.keyguard.internal.net.IpAddresses;

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
        // Read by hand, never by InetAddress: a proxy may pass on what a client wrote (Tomcat's
        // RemoteIpValve reports ".::1" as is), which InetAddress would hand to the resolver.
        byte[] bytes = IpAddresses.parse(address);
        if (bytes == null) {
            return address;
        }
        if (bytes.length == 4) {
            return IpAddresses.format(bytes);
        }
        StringBuilder prefix = new StringBuilder(24);
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
            prefix.append(':');
        }
        return prefix.append(":/64").toString();
    }
}
