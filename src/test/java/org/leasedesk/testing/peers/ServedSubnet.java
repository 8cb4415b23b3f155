package org.leasedesk.testing.peers;

import java.util.Locale;

/**
 * What a server peer hands out: the server's own address and prefix, a pool and a lease time.
 * Addresses are dotted quads because they go straight into peers' command lines and configs.
 */
public record ServedSubnet(String serverAddress, int prefixLength, String poolFirst, String poolLast, int leaseSeconds) {

    /** TEST-NET-1 (RFC 5737): never routed, safe to hand out on any test link. */
    public static final ServedSubnet TEST_NET_1 = new ServedSubnet("192.0.2.1", 24, "192.0.2.100", "192.0.2.150", 3600);

    /** The server's interface address with prefix, for {@code LinkEnd.withAddress}. */
    public String serverAddressWithPrefix() {
        return serverAddress + "/" + prefixLength;
    }

    /** The subnet in CIDR notation, such as {@code 192.0.2.0/24}. */
    public String cidr() {
        return dotted(toInt(serverAddress) & mask()) + "/" + prefixLength;
    }

    /** The subnet mask, such as {@code 255.255.255.0}. */
    public String netmask() {
        return dotted(mask());
    }

    private int mask() {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    private static int toInt(String dottedQuad) {
        int value = 0;
        for (String part : dottedQuad.split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }

    private static String dotted(int value) {
        return String.format(Locale.ROOT, "%d.%d.%d.%d", value >>> 24, value >>> 16 & 0xff, value >>> 8 & 0xff, value & 0xff);
    }
}
