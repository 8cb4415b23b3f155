package org.leasedesk.lease;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 address held as its 32 bits. Arithmetic works on the unsigned value ({@link #toLong()}),
 * so 255.255.255.255 sorts after 0.0.0.0 and ranges never wrap silently.
 */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {

    /** 0.0.0.0: on the wire, "no address" (for example giaddr of a packet no relay forwarded). */
    public static final Ipv4Address ANY = new Ipv4Address(0);

    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);

    /** The largest unsigned value an address can have. */
    public static final long MAX_VALUE = 0xFFFF_FFFFL;

    /** Parses dotted-quad notation, strictly: four decimal parts 0-255, no host names, no spaces. */
    public static Ipv4Address parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("an IPv4 address is required, for example 192.0.2.10");
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an IPv4 address: expected four numbers separated by dots, like 192.0.2.10");
        }
        int bits = 0;
        for (String part : parts) {
            bits = (bits << 8) | parseOctet(part, text);
        }
        return new Ipv4Address(bits);
    }

    private static int parseOctet(String part, String whole) {
        // Leading zeros are refused because some tools read them as octal (010 = 8).
        boolean digitsOnly = !part.isEmpty() && part.length() <= 3 && part.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digitsOnly || (part.length() > 1 && part.charAt(0) == '0')) {
            throw new IllegalArgumentException(
                    "'" + whole + "' is not an IPv4 address: '" + part + "' must be a number 0-255 without leading zeros");
        }
        int value = Integer.parseInt(part);
        if (value > 255) {
            throw new IllegalArgumentException(
                    "'" + whole + "' is not an IPv4 address: " + value + " is above 255");
        }
        return value;
    }

    /** The address with this unsigned value (0 to 4294967295). */
    public static Ipv4Address ofUnsigned(long value) {
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException(value + " is outside the IPv4 address space 0-" + MAX_VALUE);
        }
        return new Ipv4Address((int) value);
    }

    public static Ipv4Address of(Inet4Address address) {
        byte[] b = address.getAddress();
        return new Ipv4Address(((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
    }

    /** Reads the four bytes of an address in network order, as found in a packet. */
    public static Ipv4Address ofBytes(byte[] networkOrder) {
        if (networkOrder.length != 4) {
            throw new IllegalArgumentException("an IPv4 address has 4 bytes, got " + networkOrder.length);
        }
        return new Ipv4Address(((networkOrder[0] & 0xFF) << 24) | ((networkOrder[1] & 0xFF) << 16)
                | ((networkOrder[2] & 0xFF) << 8) | (networkOrder[3] & 0xFF));
    }

    public long toLong() {
        return Integer.toUnsignedLong(bits);
    }

    public byte[] toBytes() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    public Inet4Address toInetAddress() {
        try {
            return (Inet4Address) InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always a valid IPv4 address", e);
        }
    }

    /** The address {@code offset} further on; refuses to step outside the address space. */
    public Ipv4Address plus(long offset) {
        long target = toLong() + offset;
        if (target < 0 || target > MAX_VALUE) {
            throw new IllegalArgumentException(this + " + " + offset + " leaves the IPv4 address space");
        }
        return new Ipv4Address((int) target);
    }

    public boolean isAny() {
        return bits == 0;
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
    }
}
