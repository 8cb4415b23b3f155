package org.leasedesk.differential;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.leasedesk.testing.netns.Namespace;

/**
 * A Linux packet socket (AF_PACKET, SOCK_RAW) on one interface of a lab namespace: whole Ethernet
 * frames in and out, as Kea's own raw sockets see them. The JDK has no such socket, so the few
 * libc calls go through JNA. Created on a thread inside the namespace; from then on the socket
 * belongs to that namespace whichever thread uses it.
 *
 * <p>One thread receives ({@link #receive}), any thread may {@link #send}. {@link #close()} must
 * only be called once the receiving thread has stopped polling.
 */
final class PacketSocket implements AutoCloseable {

    /** linux/if_packet.h: the frame was sent by this host (a server's reply, seen on its own interface). */
    static final int PACKET_OUTGOING = 4;

    private static final int AF_PACKET = 17;
    private static final int SOCK_RAW = 3;
    private static final int ETH_P_ALL = 0x0003;
    private static final int SOL_PACKET = 263;
    private static final int PACKET_ADD_MEMBERSHIP = 1;
    private static final int PACKET_MR_PROMISC = 1;
    private static final short POLLIN = 1;
    private static final int EINTR = 4;
    private static final int SOCKADDR_LL_LENGTH = 20;
    private static final int MAX_FRAME = 65_536;

    interface Libc extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, byte[] address, int length) throws LastErrorException;

        int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

        long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

        long recvfrom(int fd, byte[] buffer, long length, int flags, byte[] address, int[] addressLength) throws LastErrorException;

        int poll(byte[] fds, long count, int timeoutMillis) throws LastErrorException;

        int if_nametoindex(String name);

        int close(int fd) throws LastErrorException;
    }

    private static final class Holder {
        static final Libc LIBC = Native.load("c", Libc.class);
    }

    /** A frame as received, with the kernel's packet type (PACKET_HOST, PACKET_BROADCAST, PACKET_OUTGOING...). */
    record Received(byte[] frame, int packetType) {}

    private final int fd;
    private final String interfaceName;

    private PacketSocket(int fd, String interfaceName) {
        this.fd = fd;
        this.interfaceName = interfaceName;
    }

    /** Opens a socket bound to {@code interfaceName} in {@code namespace}, seeing every protocol. */
    static PacketSocket open(Namespace namespace, String interfaceName) throws Exception {
        return namespace.callInside(() -> {
            Libc libc = Holder.LIBC;
            int index = libc.if_nametoindex(interfaceName);
            if (index == 0) {
                throw new IllegalStateException("no interface " + interfaceName + " in " + namespace);
            }
            int fd = libc.socket(AF_PACKET, SOCK_RAW, Short.toUnsignedInt(Short.reverseBytes((short) ETH_P_ALL)));
            try {
                ByteBuffer address = ByteBuffer.allocate(SOCKADDR_LL_LENGTH).order(ByteOrder.nativeOrder());
                address.putShort(0, (short) AF_PACKET);
                address.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) ETH_P_ALL).order(ByteOrder.nativeOrder());
                address.putInt(4, index);
                libc.bind(fd, address.array(), SOCKADDR_LL_LENGTH);
                // Frames for other hosts' MACs (a reply unicast to a client's chaddr) must reach us too.
                ByteBuffer membership = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
                membership.putInt(0, index);
                membership.putShort(4, (short) PACKET_MR_PROMISC);
                libc.setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, membership.array(), 16);
                return new PacketSocket(fd, interfaceName);
            } catch (RuntimeException e) {
                libc.close(fd);
                throw e;
            }
        });
    }

    /** Sends one whole Ethernet frame out of the interface. */
    void send(byte[] frame) {
        long sent = Holder.LIBC.send(fd, frame, frame.length, 0);
        if (sent != frame.length) {
            throw new IllegalStateException("sent " + sent + " of " + frame.length + " bytes on " + interfaceName);
        }
    }

    /** The next frame within {@code timeoutMillis}, or empty. */
    Optional<Received> receive(int timeoutMillis) {
        ByteBuffer pollFd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        pollFd.putInt(0, fd);
        pollFd.putShort(4, POLLIN);
        byte[] fds = pollFd.array();
        try {
            if (Holder.LIBC.poll(fds, 1, timeoutMillis) <= 0) {
                return Optional.empty();
            }
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EINTR) {
                return Optional.empty();
            }
            throw e;
        }
        byte[] buffer = new byte[MAX_FRAME];
        byte[] address = new byte[SOCKADDR_LL_LENGTH];
        int[] addressLength = {SOCKADDR_LL_LENGTH};
        long length = Holder.LIBC.recvfrom(fd, buffer, buffer.length, 0, address, addressLength);
        return Optional.of(new Received(Arrays.copyOf(buffer, (int) length), address[10] & 0xff));
    }

    @Override
    public void close() {
        Holder.LIBC.close(fd);
    }

    @Override
    public String toString() {
        return "packet socket on " + interfaceName;
    }
}
