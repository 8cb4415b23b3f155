package org.leasedesk.differential;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** IPv4 addresses and MACs from and to text, never through a name lookup. */
final class Addresses {

    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    static final Inet4Address ANY = parse("0.0.0.0");
    static final Inet4Address BROADCAST = parse("255.255.255.255");

    private Addresses() {}

    static boolean isAddress(String text) {
        return DOTTED_QUAD.matcher(text).matches();
    }

    static Inet4Address parse(String text) {
        var matcher = DOTTED_QUAD.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int part = Integer.parseInt(matcher.group(i + 1));
            if (part > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            bytes[i] = (byte) part;
        }
        return fromBytes(bytes);
    }

    static Inet4Address fromBytes(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    static long toLong(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xffL) << 24 | (b[1] & 0xffL) << 16 | (b[2] & 0xffL) << 8 | (b[3] & 0xffL);
    }

    static Inet4Address fromLong(long value) {
        return fromBytes(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    static boolean isZero(Inet4Address address) {
        return toLong(address) == 0;
    }

    static String text(Inet4Address address) {
        return address.getHostAddress();
    }

    static String mac(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    static byte[] hex(String text) {
        String digits = text.replace(":", "").replace("-", "").replace(" ", "");
        return HexFormat.of().parseHex(digits);
    }
}
