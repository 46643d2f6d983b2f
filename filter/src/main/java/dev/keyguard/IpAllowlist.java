package dev.keyguard;

import dev.keyguard.internal.net.Cidr;
import dev.keyguard.internal.net.IpAddresses;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a key may be used from: {@link #anywhere()} (the default), or a list of IPv4 and IPv6 CIDR
 * blocks. The filter compares the address the container reports for the client ({@code
 * getRemoteAddr()}), so behind a proxy the container must be told to report the client's (see
 * docs/filter.md). Immutable; equal when they allow the same blocks.
 */
public final class IpAllowlist {

    /** The most blocks one key may have. */
    public static final int MAX_BLOCKS = 50;

    private static final IpAllowlist ANYWHERE = new IpAllowlist(null);
    private static final IpAllowlist NOWHERE = new IpAllowlist(List.of());

    /** The blocks in the order given, duplicates dropped; {@code null} for anywhere. */
    private final List<Cidr> blocks;

    private IpAllowlist(List<Cidr> blocks) {
        this.blocks = blocks;
    }

    /** Any address. */
    public static IpAllowlist anywhere() {
        return ANYWHERE;
    }

    /**
     * No address at all: what a key gets whose stored list cannot be read, so that it fails closed.
     * Not for new keys: {@link #of(Collection)} refuses an empty list.
     */
    public static IpAllowlist nowhere() {
        return NOWHERE;
    }

    /**
     * These blocks: {@code 192.0.2.0/24}, {@code 2001:db8::/32}, or an address alone for one host.
     *
     * @throws IllegalArgumentException when the list is empty or longer than {@value #MAX_BLOCKS},
     *     or a block is not a CIDR block with its host bits zero; the message names the block by
     *     its position, never by its text
     */
    public static IpAllowlist of(Collection<String> cidrs) {
        if (cidrs.isEmpty()) {
            throw new IllegalArgumentException(
                    "a list of allowed addresses needs at least one block (no list: anywhere)");
        }
        if (cidrs.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException(
                    "a key has at most " + MAX_BLOCKS + " blocks of allowed addresses");
        }
        Set<Cidr> blocks = new LinkedHashSet<>();
        int position = 1;
        for (String cidr : cidrs) {
            try {
                blocks.add(Cidr.parse(cidr));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("block " + position + " " + e.getMessage(), e);
            }
            position++;
        }
        return new IpAllowlist(List.copyOf(blocks));
    }

    /** As {@link #of(Collection)}. */
    public static IpAllowlist of(String... cidrs) {
        return of(List.of(cidrs));
    }

    public boolean isAnywhere() {
        return blocks == null;
    }

    /**
     * Whether a client at {@code remoteAddress} (an address literal as containers report it) may
     * use the key. Anything that is not an address literal is outside every list.
     */
    public boolean allows(String remoteAddress) {
        if (blocks == null) {
            return true;
        }
        byte[] address = IpAddresses.parse(remoteAddress);
        if (address == null) {
            return false;
        }
        for (Cidr block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every address {@code other} allows, this list allows too. */
    public boolean covers(IpAllowlist other) {
        if (blocks == null) {
            return true;
        }
        if (other.blocks == null) {
            return false;
        }
        for (Cidr inner : other.blocks) {
            if (blocks.stream().noneMatch(outer -> outer.covers(inner))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The blocks in canonical form ({@code 2001:db8::/32}), in the order given.
     *
     * @throws IllegalStateException when the key may be used from anywhere
     */
    public List<String> blocks() {
        if (blocks == null) {
            throw new IllegalStateException("anywhere");
        }
        return blocks.stream().map(Cidr::toString).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpAllowlist that
                && Objects.equals(
                        blocks == null ? null : Set.copyOf(blocks),
                        that.blocks == null ? null : Set.copyOf(that.blocks));
    }

    @Override
    public int hashCode() {
        return blocks == null ? 0 : Set.copyOf(blocks).hashCode();
    }

    /** {@code IpAllowlist[*]} for anywhere; otherwise the number of blocks, not the blocks. */
    @Override
    public String toString() {
        return blocks == null ? "IpAllowlist[*]" : "IpAllowlist[" + blocks.size() + " blocks]";
    }
}
