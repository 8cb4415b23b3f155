package org.leasedesk.server.classify;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.HardwareAddress;

/** Hand-built packets for the classification tests. */
final class Packets {

    static final HardwareAddress MAC = HardwareAddress.parse("00:0c:29:aa:bb:cc");

    private Packets() {
    }

    /** A client's DISCOVER, xid 0x3903f326, from 00:0c:29:aa:bb:cc. */
    static DhcpMessage.Builder discover() {
        return DhcpMessage.discover(MAC, 0x3903f326);
    }

    /** Received on eth0 as a broadcast from 0.0.0.0. */
    static PacketView onEth0(DhcpMessage.Builder message) {
        return PacketView.of(message.build(), "eth0", Ipv4Address.ANY, Ipv4Address.BROADCAST);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits.replace(" ", "").replace(":", ""));
    }

    static java.net.Inet4Address ip(String text) {
        return Ipv4Address.parse(text).toInetAddress();
    }
}
