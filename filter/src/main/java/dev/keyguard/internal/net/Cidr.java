package dev.keyguard.internal.net;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 CIDR block, parsed strictly: {@code 192.0.2.0/24}, {@code 2001:db8::/32}, or an
 * address alone (one host). Host bits must be zero, so that {@code 10.1.2.3/8} is not silently read
 * as {@code 10.0.0.0/8}. An IPv4-mapped IPv6 block ({@code ::ffff:192.0.2.0/120}) is the IPv4 block
 * it names, as clients on such addresses are IPv4 clients. Immutable.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong, without repeating the text
     */
    public static Cidr parse(String text) {
        // Strict: no white space around it either, though a container's address may have some.
        if (text == null || text.isEmpty() || text.length() > 50 || !text.strip().equals(text)) {
            throw new IllegalArgumentException("is not an IPv4 or IPv6 CIDR block");
        }
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        if (addressText.indexOf('%') >= 0 || addressText.startsWith("[")) {
            throw new IllegalArgumentException("is not an IPv4 or IPv6 CIDR block");
        }
        byte[] address = IpAddresses.parse(addressText);
        if (address == null) {
            throw new IllegalArgumentException("is not an IPv4 or IPv6 CIDR block");
        }
        boolean mapped = address.length == 4 && addressText.indexOf(':') >= 0;
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!length.matches("0|[1-9][0-9]{0,2}")) {
                throw new IllegalArgumentException("has no prefix length after the /");
            }
            prefix = Integer.parseInt(length);
            if (mapped) {
                if (prefix < 96 || prefix > 128) {
                    throw new IllegalArgumentException(
                            "is an IPv4-mapped block: its prefix length must be 96 to 128");
                }
                prefix -= 96;
            } else if (prefix > bits) {
                throw new IllegalArgumentException(
                        "has a prefix length over " + bits + " for an " + family(address));
            }
        }
        byte[] network = masked(address, prefix);
        if (!Arrays.equals(address, network)) {
            // The block is shown, not the text given: it holds no more than the client sent.
            throw new IllegalArgumentException(
                    "has host bits set: the block is " + new Cidr(network, prefix));
        }
        return new Cidr(address, prefix);
    }

    /** Whether {@code address} (4 or 16 bytes, see {@link IpAddresses#parse}) is in the block. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[whole] & mask) == (network[whole] & mask);
    }

    /** Whether every address of {@code other} is in this block. */
    public boolean covers(Cidr other) {
        return other.network.length == network.length
                && other.prefixLength >= prefixLength
                && contains(other.network);
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] network = address.clone();
        for (int i = 0; i < network.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - 8 * i));
            network[i] &= (byte) ((0xff << (8 - bitsHere)) & 0xff);
        }
        return network;
    }

    private static String family(byte[] address) {
        return address.length == 4 ? "IPv4 address" : "IPv6 address";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr that
                && prefixLength == that.prefixLength
                && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    /** The canonical form: {@code 192.0.2.0/24}, {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        return IpAddresses.format(network) + "/" + prefixLength;
    }
}
