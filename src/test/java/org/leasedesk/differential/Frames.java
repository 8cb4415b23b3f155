package org.leasedesk.differential;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.leasedesk.platform.LinkLayerSender;
import org.leasedesk.protocol.HardwareAddress;

/**
 * Ethernet frames carrying IPv4 UDP or ARP, built and parsed by hand for the packet sockets: a
 * client with no address sends from 0.0.0.0 and its own MAC, which no kernel socket allows.
 */
final class Frames {

    static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int ETHERNET_HEADER = 14;
    private static final int IP_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final int PROTOCOL_UDP = 17;
    private static final int ARP_LENGTH = 28;

    private Frames() {}

    /** An IPv4 UDP datagram in an Ethernet frame as it appears on the wire. */
    record UdpFrame(byte[] destinationMac, byte[] sourceMac, Inet4Address source, int sourcePort, Inet4Address destination,
                    int destinationPort, byte[] payload) {}

    /** An ARP request: who has {@code targetIp}, tell {@code senderIp} at {@code senderMac}. */
    record ArpRequest(byte[] senderMac, Inet4Address senderIp, Inet4Address targetIp) {}

    static byte[] udp(UdpFrame datagram) {
        byte[] ip = LinkLayerSender.ipv4Udp(datagram.source().getAddress(), datagram.sourcePort(), datagram.destination().getAddress(),
                datagram.destinationPort(), datagram.payload());
        return ByteBuffer.allocate(ETHERNET_HEADER + ip.length).put(datagram.destinationMac()).put(datagram.sourceMac())
                .putShort((short) ETHERTYPE_IPV4).put(ip).array();
    }

    /** The UDP datagram in an Ethernet frame, if it is one (and not a fragment). */
    static Optional<UdpFrame> parseUdp(byte[] frame) {
        if (frame.length < ETHERNET_HEADER + IP_HEADER + UDP_HEADER || etherType(frame) != ETHERTYPE_IPV4) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        int ip = ETHERNET_HEADER;
        int headerLength = (frame[ip] & 0x0f) * 4;
        int totalLength = Short.toUnsignedInt(buffer.getShort(ip + 2));
        boolean fragment = (Short.toUnsignedInt(buffer.getShort(ip + 6)) & 0x3fff) != 0;
        if ((frame[ip] >> 4 & 0xf) != 4 || frame[ip + 9] != PROTOCOL_UDP || fragment || headerLength < IP_HEADER
                || ip + totalLength > frame.length || totalLength < headerLength + UDP_HEADER) {
            return Optional.empty();
        }
        int udp = ip + headerLength;
        int udpLength = Short.toUnsignedInt(buffer.getShort(udp + 4));
        if (udpLength < UDP_HEADER || udp + udpLength > ip + totalLength) {
            return Optional.empty();
        }
        return Optional.of(new UdpFrame(Arrays.copyOfRange(frame, 0, 6), Arrays.copyOfRange(frame, 6, 12),
                Addresses.fromBytes(Arrays.copyOfRange(frame, ip + 12, ip + 16)), Short.toUnsignedInt(buffer.getShort(udp)),
                Addresses.fromBytes(Arrays.copyOfRange(frame, ip + 16, ip + 20)), Short.toUnsignedInt(buffer.getShort(udp + 2)),
                Arrays.copyOfRange(frame, udp + UDP_HEADER, udp + udpLength)));
    }

    static Optional<ArpRequest> parseArpRequest(byte[] frame) {
        if (frame.length < ETHERNET_HEADER + ARP_LENGTH || etherType(frame) != ETHERTYPE_ARP) {
            return Optional.empty();
        }
        ByteBuffer arp = ByteBuffer.wrap(frame, ETHERNET_HEADER, ARP_LENGTH).slice();
        boolean ethernetIpv4Request = arp.getShort(0) == 1 && arp.getShort(2) == ETHERTYPE_IPV4 && arp.get(4) == 6
                && arp.get(5) == 4 && arp.getShort(6) == 1;
        if (!ethernetIpv4Request) {
            return Optional.empty();
        }
        int at = ETHERNET_HEADER;
        return Optional.of(new ArpRequest(Arrays.copyOfRange(frame, at + 8, at + 14),
                Addresses.fromBytes(Arrays.copyOfRange(frame, at + 14, at + 18)),
                Addresses.fromBytes(Arrays.copyOfRange(frame, at + 24, at + 28))));
    }

    /** The reply to {@code request}: {@code targetIp} is at {@code mac}. */
    static byte[] arpReply(ArpRequest request, HardwareAddress mac) {
        ByteBuffer frame = ByteBuffer.allocate(ETHERNET_HEADER + ARP_LENGTH);
        frame.put(request.senderMac()).put(mac.bytes()).putShort((short) ETHERTYPE_ARP);
        frame.putShort((short) 1).putShort((short) ETHERTYPE_IPV4).put((byte) 6).put((byte) 4).putShort((short) 2);
        frame.put(mac.bytes()).put(request.targetIp().getAddress()).put(request.senderMac()).put(request.senderIp().getAddress());
        return frame.array();
    }

    private static int etherType(byte[] frame) {
        return (frame[12] & 0xff) << 8 | (frame[13] & 0xff);
    }
}
