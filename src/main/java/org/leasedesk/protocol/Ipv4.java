package org.leasedesk.protocol;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 addresses to and from bytes and dotted-quad text, never through a name lookup. */
final class Ipv4 {

    static final Inet4Address ANY = fromBytes(new byte[4], 0);

    private Ipv4() {
    }

    static Inet4Address fromBytes(byte[] bytes, int offset) {
        byte[] four = {bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]};
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException impossible) {
            // getByAddress only throws for lengths other than 4 and 16.
            throw new AssertionError(impossible);
        }
    }

    static void write(Inet4Address address, byte[] target, int offset) {
        System.arraycopy(address.getAddress(), 0, target, offset, 4);
    }

    static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    static Inet4Address fromInt(int value) {
        return fromBytes(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value}, 0);
    }

    /** Strict dotted quad: four decimal numbers 0-255; InetAddress.getByName would resolve names. */
    static Inet4Address parse(String text) {
        String trimmed = text.strip();
        String[] parts = trimmed.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + trimmed + "' is not an IPv4 address (expected four numbers like 192.0.2.1)");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("'" + trimmed + "' is not an IPv4 address (part '" + part + "' is not a number 0-255)");
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                throw new IllegalArgumentException("'" + trimmed + "' is not an IPv4 address (" + value + " is above 255)");
            }
            bytes[i] = (byte) value;
        }
        return fromBytes(bytes, 0);
    }
}
