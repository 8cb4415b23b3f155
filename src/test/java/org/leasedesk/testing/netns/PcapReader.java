package org.leasedesk.testing.netns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the IPv4 UDP datagrams out of a classic libpcap file, as tcpdump -w writes it: either byte
 * order, microsecond or nanosecond timestamps, and the link types tcpdump picks on Linux: Ethernet
 * (one interface, with 802.1Q tags skipped), and Linux cooked captures SLL and SLL2
 * ({@code -i any}). Other frames (ARP, IPv6, TCP, non-first IP fragments) are skipped.
 *
 * <p>A file still being written may end in the middle of a record; that record is left out, so
 * a test can poll a live capture. pcapng is not supported: tcpdump only writes it when asked.
 */
public final class PcapReader {

    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_LINUX_SLL2 = 276;

    private static final int GLOBAL_HEADER_LENGTH = 24;
    private static final int RECORD_HEADER_LENGTH = 16;
    private static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    private static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88a8;
    private static final int IP_PROTOCOL_UDP = 17;
    private static final int UDP_HEADER_LENGTH = 8;

    private PcapReader() {}

    public static List<CapturedDatagram> read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /**
     * The UDP datagrams in a pcap file's bytes, in capture order.
     *
     * @throws IllegalArgumentException if the bytes are not a pcap file of a supported link type
     */
    public static List<CapturedDatagram> parse(byte[] pcap) {
        if (pcap.length < GLOBAL_HEADER_LENGTH) {
            throw new IllegalArgumentException("not a pcap file: " + pcap.length + " bytes, the header alone is 24");
        }
        ByteBuffer file = ByteBuffer.wrap(pcap).order(ByteOrder.BIG_ENDIAN);
        int magic = file.getInt(0);
        if (magic == Integer.reverseBytes(MAGIC_MICROSECONDS) || magic == Integer.reverseBytes(MAGIC_NANOSECONDS)) {
            file.order(ByteOrder.LITTLE_ENDIAN);
            magic = Integer.reverseBytes(magic);
        }
        if (magic != MAGIC_MICROSECONDS && magic != MAGIC_NANOSECONDS) {
            throw new IllegalArgumentException(String.format("not a classic pcap file (magic %08x); pcapng is not supported", magic));
        }
        long nanosPerTick = magic == MAGIC_NANOSECONDS ? 1 : 1000;
        int linkType = file.getInt(20) & 0x0fff_ffff; // the upper bits may carry FCS information
        if (linkType != LINKTYPE_ETHERNET && linkType != LINKTYPE_LINUX_SLL && linkType != LINKTYPE_LINUX_SLL2) {
            throw new IllegalArgumentException("unsupported link type " + linkType + "; expected Ethernet (1), SLL (113) or SLL2 (276)");
        }
        List<CapturedDatagram> datagrams = new ArrayList<>();
        int position = GLOBAL_HEADER_LENGTH;
        while (pcap.length - position >= RECORD_HEADER_LENGTH) {
            long seconds = Integer.toUnsignedLong(file.getInt(position));
            long ticks = Integer.toUnsignedLong(file.getInt(position + 4));
            long capturedLength = Integer.toUnsignedLong(file.getInt(position + 8));
            int frameStart = position + RECORD_HEADER_LENGTH;
            if (capturedLength > pcap.length - frameStart) {
                break; // the writer has not finished this record yet
            }
            ByteBuffer frame = ByteBuffer.wrap(pcap, frameStart, (int) capturedLength).slice();
            Instant timestamp = Instant.ofEpochSecond(seconds, ticks * nanosPerTick);
            udpInFrame(frame, linkType, timestamp).ifPresent(datagrams::add);
            position = frameStart + (int) capturedLength;
        }
        return datagrams;
    }

    private static Optional<CapturedDatagram> udpInFrame(ByteBuffer frame, int linkType, Instant timestamp) {
        int etherType;
        int networkStart;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                networkStart = 14;
                if (frame.limit() < networkStart) {
                    return Optional.empty();
                }
                etherType = Short.toUnsignedInt(frame.getShort(12));
                while ((etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ) && frame.limit() >= networkStart + 4) {
                    etherType = Short.toUnsignedInt(frame.getShort(networkStart + 2));
                    networkStart += 4;
                }
            }
            case LINKTYPE_LINUX_SLL -> {
                networkStart = 16;
                if (frame.limit() < networkStart) {
                    return Optional.empty();
                }
                etherType = Short.toUnsignedInt(frame.getShort(14));
            }
            default -> { // LINKTYPE_LINUX_SLL2
                networkStart = 20;
                if (frame.limit() < networkStart) {
                    return Optional.empty();
                }
                etherType = Short.toUnsignedInt(frame.getShort(0));
            }
        }
        if (etherType != ETHERTYPE_IPV4) {
            return Optional.empty();
        }
        return udpInIpv4(frame.slice(networkStart, frame.limit() - networkStart), timestamp);
    }

    private static Optional<CapturedDatagram> udpInIpv4(ByteBuffer ip, Instant timestamp) {
        if (ip.limit() < 20 || (ip.get(0) >> 4 & 0xf) != 4) {
            return Optional.empty();
        }
        int headerLength = (ip.get(0) & 0xf) * 4;
        int totalLength = Short.toUnsignedInt(ip.getShort(2));
        int fragment = Short.toUnsignedInt(ip.getShort(6));
        boolean fragmented = (fragment & 0x1fff) != 0 || (fragment & 0x2000) != 0;
        // totalLength, not the frame, bounds the packet: short Ethernet frames are padded to 60 bytes.
        if (headerLength < 20 || totalLength < headerLength + UDP_HEADER_LENGTH || totalLength > ip.limit()
                || ip.get(9) != IP_PROTOCOL_UDP || fragmented) {
            return Optional.empty();
        }
        int udpLength = Short.toUnsignedInt(ip.getShort(headerLength + 4));
        if (udpLength < UDP_HEADER_LENGTH || udpLength > totalLength - headerLength) {
            return Optional.empty();
        }
        byte[] payload = new byte[udpLength - UDP_HEADER_LENGTH];
        ip.get(headerLength + UDP_HEADER_LENGTH, payload);
        return Optional.of(new CapturedDatagram(timestamp,
                new InetSocketAddress(ipv4At(ip, 12), Short.toUnsignedInt(ip.getShort(headerLength))),
                new InetSocketAddress(ipv4At(ip, 16), Short.toUnsignedInt(ip.getShort(headerLength + 2))),
                payload));
    }

    private static InetAddress ipv4At(ByteBuffer ip, int offset) {
        byte[] address = new byte[4];
        ip.get(offset, address);
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an IPv4 address", e);
        }
    }
}
