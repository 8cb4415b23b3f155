package org.leasedesk.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a UDP datagram over IPv4 straight to a hardware address on one interface, through a Linux
 * packet socket (AF_PACKET, which needs CAP_NET_RAW). A DHCP server needs it to unicast an OFFER or
 * ACK to a client that has no address yet (RFC 2131 4.1): a UDP socket would ask ARP for the new
 * address, which the client does not answer before it has it. One socket serves every link; the
 * socket receives nothing.
 *
 * <p>It joins the network namespace of the thread that opens it, like any socket.
 */
public final class LinkLayerSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LinkLayerSender.class);
    private static final int AF_PACKET = 17;
    private static final int SOCK_DGRAM = 2;
    private static final int ETH_P_IP = 0x0800;
    private static final int SOCKADDR_LL_SIZE = 20;
    private static final int IP_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final int TTL = 64;
    private static final int UDP = 17;

    interface Libc extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final class Holder {
        private static final Libc LIBC = Native.load("c", Libc.class);
    }

    private final int fd;

    private LinkLayerSender(int fd) {
        this.fd = fd;
    }

    /** A sender, or empty with the reason logged: not Linux, or no CAP_NET_RAW. */
    public static Optional<LinkLayerSender> open() {
        if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LinkLayerSender(Holder.LIBC.socket(AF_PACKET, SOCK_DGRAM, 0)));
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            log.warn("cannot open a packet socket ({}): replies to clients without an address are broadcast;"
                    + " LeaseDesk needs CAP_NET_RAW to unicast them", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Sends {@code payload} from {@code source}:{@code sourcePort} to {@code destination}:{@code
     * destinationPort}, in a frame addressed to {@code hardwareAddress} on the interface with index
     * {@code interfaceIndex}.
     *
     * @throws LastErrorException when the kernel refuses the frame
     */
    public void send(int interfaceIndex, Inet4Address source, int sourcePort, Inet4Address destination, int destinationPort,
                     byte[] hardwareAddress, byte[] payload) {
        if (hardwareAddress.length == 0 || hardwareAddress.length > 8) {
            throw new IllegalArgumentException("a link-layer address has 1 to 8 bytes, got " + hardwareAddress.length);
        }
        byte[] datagram = ipv4Udp(source.getAddress(), sourcePort, destination.getAddress(), destinationPort, payload);
        ByteBuffer address = ByteBuffer.allocate(SOCKADDR_LL_SIZE).order(ByteOrder.nativeOrder());
        address.putShort((short) AF_PACKET);
        address.order(ByteOrder.BIG_ENDIAN).putShort((short) ETH_P_IP).order(ByteOrder.nativeOrder());
        address.putInt(interfaceIndex);
        address.putShort((short) 0); // hardware type: filled in by the kernel
        address.put((byte) 0); // packet type: outgoing
        address.put((byte) hardwareAddress.length);
        address.put(hardwareAddress);
        Holder.LIBC.sendto(fd, datagram, datagram.length, 0, address.array(), SOCKADDR_LL_SIZE);
    }

    /** An IPv4 header and a UDP header, both with checksums, in front of the payload: an IPv4 datagram as sent. */
    public static byte[] ipv4Udp(byte[] source, int sourcePort, byte[] destination, int destinationPort, byte[] payload) {
        int udpLength = UDP_HEADER + payload.length;
        ByteBuffer packet = ByteBuffer.allocate(IP_HEADER + udpLength);
        packet.put((byte) 0x45).put((byte) 0).putShort((short) (IP_HEADER + udpLength));
        packet.putShort((short) 0).putShort((short) 0); // identification, no fragmentation flags
        packet.put((byte) TTL).put((byte) UDP).putShort((short) 0).put(source).put(destination);
        packet.putShort(10, checksum(packet.array(), 0, IP_HEADER, 0));

        packet.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) udpLength).putShort((short) 0);
        packet.put(payload);
        long pseudoHeader = sum(source, 0, 4) + sum(destination, 0, 4) + UDP + udpLength;
        short udpChecksum = checksum(packet.array(), IP_HEADER, udpLength, pseudoHeader);
        // RFC 768: a computed zero is sent as all ones, since zero means "no checksum".
        packet.putShort(IP_HEADER + 6, udpChecksum == 0 ? (short) 0xffff : udpChecksum);
        return packet.array();
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes from {@code offset}, starting from {@code initial}. */
    static short checksum(byte[] bytes, int offset, int length, long initial) {
        long sum = initial + sum(bytes, offset, length);
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }

    private static long sum(byte[] bytes, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int high = bytes[offset + i] & 0xff;
            int low = i + 1 < length ? bytes[offset + i + 1] & 0xff : 0;
            sum += (high << 8) | low;
        }
        return sum;
    }

    @Override
    public void close() {
        try {
            Holder.LIBC.close(fd);
        } catch (LastErrorException e) {
            log.debug("closing the packet socket: {}", e.getMessage());
        }
    }
}
