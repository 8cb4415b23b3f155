package org.leasedesk.lease;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string (client-id, circuit-id, remote-id, a hardware address) with value
 * equality, which a record holding a {@code byte[]} would not have.
 */
public final class Octets implements Comparable<Octets> {

    public static final Octets EMPTY = new Octets(new byte[0]);

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Octets of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
    }

    /**
     * Parses hex in the spellings admins paste: "01aabb", "01:aa:bb", "01-aa-bb", "01aa.bb00"
     * (Cisco dots), any case.
     */
    public static Octets parseHex(String text) {
        String digits = text.strip().replace(":", "").replace("-", "").replace(".", "");
        if (digits.length() % 2 != 0 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not hex bytes: expected pairs of hex digits such as 01:aa:bb or 01aabb");
        }
        return of(HexFormat.of().parseHex(digits));
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** Lower-case hex pairs joined by colons, the form Kea writes and most admins read. */
    public String toColonHex() {
        return COLON_HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Octets o && Arrays.equals(bytes, o.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Octets other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return toColonHex();
    }
}
