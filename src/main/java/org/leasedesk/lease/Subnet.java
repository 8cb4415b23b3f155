package org.leasedesk.lease;

import java.util.Objects;

/** An IPv4 prefix such as 192.0.2.0/24: the network address has no host bits set. */
public record Subnet(Ipv4Address network, int prefixLength) {

    public Subnet {
        Objects.requireNonNull(network, "network");
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0-32");
        }
        int mask = maskBits(prefixLength);
        if ((network.bits() & ~mask) != 0) {
            throw new IllegalArgumentException(network + "/" + prefixLength + " has host bits set: did you mean "
                    + new Ipv4Address(network.bits() & mask) + "/" + prefixLength + "?");
        }
    }

    /** Parses CIDR notation, for example "192.0.2.0/24". */
    public static Subnet parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a subnet: expected address/prefix, like 192.0.2.0/24");
        }
        String prefix = text.substring(slash + 1).strip();
        if (prefix.isEmpty() || prefix.length() > 2 || !prefix.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a subnet: the prefix length after '/' must be a number 0-32");
        }
        return new Subnet(Ipv4Address.parse(text.substring(0, slash).strip()), Integer.parseInt(prefix));
    }

    private static int maskBits(int prefixLength) {
        // Shifting an int by 32 is a no-op in Java, so /0 needs its own case.
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public Ipv4Address mask() {
        return new Ipv4Address(maskBits(prefixLength));
    }

    public Ipv4Address broadcast() {
        return new Ipv4Address(network.bits() | ~maskBits(prefixLength));
    }

    /** Every address of the prefix, network and broadcast included. */
    public AddressRange range() {
        return new AddressRange(network, broadcast());
    }

    /**
     * The addresses a host may use: all but network and broadcast, except in a /31 (RFC 3021, point
     * to point) and a /32, where every address is a host.
     */
    public AddressRange hostRange() {
        if (prefixLength >= 31) {
            return range();
        }
        return new AddressRange(network.plus(1), broadcast().plus(-1));
    }

    public boolean contains(Ipv4Address address) {
        return (address.bits() & maskBits(prefixLength)) == network.bits();
    }

    public boolean contains(AddressRange range) {
        return contains(range.first()) && contains(range.last());
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
