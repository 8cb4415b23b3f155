package org.leasedesk.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/** A client hardware address: the first hlen bytes of chaddr. Printed lower-case with colons. */
public record HardwareAddress(byte[] bytes) {

    public static final int MAX_LENGTH = 16;

    public HardwareAddress {
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a hardware address has at most 16 bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /**
     * Reads any usual spelling: {@code aabbccddeeff}, {@code aa:bb:cc:dd:ee:ff}, {@code aa-bb-cc-dd-ee-ff},
     * {@code a:b:c:d:e:f} (one-digit groups), {@code aabb.ccdd.eeff}, in any case.
     */
    public static HardwareAddress parse(String text) {
        String trimmed = text.strip();
        boolean colons = trimmed.indexOf(':') >= 0;
        boolean dashes = trimmed.indexOf('-') >= 0;
        boolean dots = trimmed.indexOf('.') >= 0;
        if ((colons ? 1 : 0) + (dashes ? 1 : 0) + (dots ? 1 : 0) > 1) {
            throw new IllegalArgumentException("'" + trimmed + "' mixes separators; use one of ':', '-' or '.'");
        }
        StringBuilder digits = new StringBuilder();
        if (colons || dashes) {
            for (String group : trimmed.split(colons ? ":" : "-", -1)) {
                if (group.isEmpty() || group.length() > 2) {
                    throw new IllegalArgumentException("'" + trimmed + "' is not a hardware address: group '" + group + "' must be 1 or 2 hex digits");
                }
                digits.append(group.length() == 1 ? "0" : "").append(group);
            }
        } else if (dots) {
            for (String group : trimmed.split("\\.", -1)) {
                if (group.length() != 4) {
                    throw new IllegalArgumentException("'" + trimmed + "' is not a hardware address: dotted groups must be 4 hex digits");
                }
                digits.append(group);
            }
        } else {
            digits.append(trimmed);
        }
        if (digits.isEmpty() || digits.length() % 2 != 0 || digits.length() > 2 * MAX_LENGTH
                || !digits.chars().allMatch(c -> Hex.isHexDigit((char) c))) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a hardware address (1 to 16 bytes of hex)");
        }
        return new HardwareAddress(HexFormat.of().parseHex(digits));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HardwareAddress that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Hex.format(bytes);
    }
}
