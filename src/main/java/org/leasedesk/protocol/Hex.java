package org.leasedesk.protocol;

import java.util.HexFormat;

/** Binary values as text: lower-case, colon separated for display; many spellings accepted on input. */
final class Hex {

    private static final HexFormat COLON = HexFormat.ofDelimiter(":");

    private Hex() {
    }

    static String format(byte[] bytes) {
        return COLON.formatHex(bytes);
    }

    /**
     * Accepts "0x0102ff", "0102ff", "01:02:ff", "1:2:ff" and "01 02 ff" like Kea's binary option data.
     */
    static byte[] parse(String text) {
        String hex = text.strip();
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        if (hex.isEmpty()) {
            return new byte[0];
        }
        String[] groups = hex.split("[:\\s]+", -1);
        if (groups.length == 1) {
            if (hex.length() % 2 != 0) {
                throw new IllegalArgumentException("'" + text.strip() + "' has an odd number of hex digits");
            }
            return parseDigits(hex, text);
        }
        byte[] bytes = new byte[groups.length];
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (group.isEmpty() || group.length() > 2) {
                throw new IllegalArgumentException("'" + text.strip() + "' is not hex: group '" + group + "' must be one or two hex digits");
            }
            bytes[i] = parseDigits(group.length() == 1 ? "0" + group : group, text)[0];
        }
        return bytes;
    }

    private static byte[] parseDigits(String digits, String original) {
        for (int i = 0; i < digits.length(); i++) {
            if (!isHexDigit(digits.charAt(i))) {
                throw new IllegalArgumentException("'" + original.strip() + "' is not hex: '" + digits.charAt(i) + "' is not a hex digit");
            }
        }
        return HexFormat.of().parseHex(digits);
    }

    static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
