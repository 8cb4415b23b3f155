package org.leasedesk.lease;

import java.util.Objects;

/**
 * A client's hardware address as DHCP carries it: the htype (1 = Ethernet) and up to 16 bytes
 * (chaddr). {@link #NONE} stands for "not known", for example in a store-failure alarm.
 */
public record HardwareAddress(int type, Octets address) {

    public static final int ETHERNET = 1;
    public static final HardwareAddress NONE = new HardwareAddress(0, Octets.EMPTY);

    public HardwareAddress {
        Objects.requireNonNull(address, "address");
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("hardware type " + type + " is outside 0-255");
        }
        if (address.length() > 16) {
            throw new IllegalArgumentException(
                    "a hardware address has at most 16 bytes (chaddr), got " + address.length());
        }
        if (type == ETHERNET && address.length() != 6) {
            throw new IllegalArgumentException(
                    "an Ethernet address has 6 bytes, got " + address.length() + " (" + address + ")");
        }
    }

    /** Parses a MAC in any common spelling: aabbccddeeff, aa:bb:cc:dd:ee:ff, AA-BB-..., aabb.ccdd.eeff. */
    public static HardwareAddress parseMac(String text) {
        byte[] bytes = org.leasedesk.protocol.HardwareAddress.parse(text).bytes();
        if (bytes.length != 6) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a MAC address: expected 6 bytes such as aa:bb:cc:dd:ee:ff");
        }
        return new HardwareAddress(ETHERNET, Octets.of(bytes));
    }

    /** The client's hardware address as a message carries it: htype and the first hlen bytes of chaddr. */
    public static HardwareAddress of(int htype, org.leasedesk.protocol.HardwareAddress chaddr) {
        return new HardwareAddress(htype, Octets.of(chaddr.bytes()));
    }

    public boolean isKnown() {
        return !address.isEmpty();
    }

    @Override
    public String toString() {
        return type == ETHERNET ? address.toColonHex() : type + "/" + address.toColonHex();
    }
}
